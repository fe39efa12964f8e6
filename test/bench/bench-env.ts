import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.factory.js';
import { AppConfig } from '../../src/config/app-config.js';
import { parseEnvironment } from '../../src/config/environment.js';
import { findFreePort } from '../../src/database/free-port.js';

/** The environment variables of an app under benchmark, and its signing secret. */
export interface BenchEnvironment {
  env: Record<string, string>;
  jwtSecret: string;
}

/**
 * What every benchmark runs the app with: production settings on the bench's own database, no
 * migrations or demo data at start (the bench has migrated and seeded), a fresh signing secret and
 * an uploads folder of its own (never the repository's `uploads/`: the media sweep would judge its
 * files against the bench database). The request limiter still counts every request; only its
 * limit is out of reach of the one address a bench sends from. `overrides` come last.
 */
export function benchEnvironment(databaseUrl: string, overrides: Record<string, string> = {}): BenchEnvironment {
  const jwtSecret = randomBytes(48).toString('base64url');
  return {
    jwtSecret,
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: jwtSecret,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      MIGRATIONS_RUN: 'false',
      JOBS_WORKERS: 'false',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000',
      UPLOADS_DIR: join(tmpdir(), `etalase-bench-uploads-${process.pid}`),
      ...overrides,
    },
  };
}

/** The app under benchmark, listening on a free local port. */
export interface BenchApp {
  app: NestExpressApplication;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real app (the production factory) with `benchEnvironment(databaseUrl, overrides)`. */
export async function startBenchApp(databaseUrl: string, overrides: Record<string, string> = {}): Promise<BenchApp> {
  const { env, jwtSecret } = benchEnvironment(databaseUrl, overrides);
  const app = await createApp(new AppConfig(parseEnvironment(env), { jwtSecret }), databaseUrl);
  const port = await findFreePort();
  await app.listen(port, '127.0.0.1');
  return { app, baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}
