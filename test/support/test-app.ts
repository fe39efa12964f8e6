import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { AppConfig } from '../../src/config/app-config';
import { parseEnvironment } from '../../src/config/environment';
import { checkResponsesAgainstOpenApi } from './openapi-check';
import { createTestDatabase, dropTestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  /** Pass to supertest's request(). */
  http: App;
  dataSource: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

/** Waits until `probe` answers something other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The real application (same factory as production) on a database of its own.
 * `env` overrides configuration the way environment variables would.
 */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const url = await createTestDatabase();
  // Media goes to a folder of the app's own unless the test names one: never the repository's
  // uploads/, whose files this test's database knows nothing of (the media sweep would take them).
  const uploadsDir = env.UPLOADS_DIR === undefined ? await mkdtemp(join(tmpdir(), 'etalase-test-uploads-')) : undefined;
  return startApp(
    url,
    { ...(uploadsDir ? { UPLOADS_DIR: uploadsDir } : {}), ...env },
    async () => {
      await dropTestDatabase(url);
      if (uploadsDir) await rm(uploadsDir, { recursive: true, force: true });
    },
    options,
  );
}

export interface TestAppOptions {
  /** The URL the app connects with instead of its database's own (e.g. a DatabaseProxy in front of it). */
  connectVia?: (databaseUrl: string) => Promise<string>;
  /** Where the app's JSON log lines go (any LOG_LEVEL but silent), for tests that read them. */
  logDestination?: DestinationStream;
}

/**
 * A second application process on another app's database (nothing shared but the database and
 * whatever REDIS_URL names), for what must hold across processes. Closing it leaves the database.
 */
export function startTestAppOn(other: TestApp, env: Record<string, string> = {}): Promise<TestApp> {
  return startApp(other.config.databaseUrl ?? '', { UPLOADS_DIR: other.config.media.uploadsDir, ...env }, async () => undefined);
}

async function startApp(databaseUrl: string, env: Record<string, string>, dispose: () => Promise<void>, options: TestAppOptions = {}): Promise<TestApp> {
  const url = options.connectVia ? await options.connectVia(databaseUrl) : databaseUrl;
  const config = new AppConfig(
    parseEnvironment({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
      JWT_SECRET: TEST_JWT_SECRET,
      DB_POOL_SIZE: '5',
      // Jobs are sent but not worked unless a test asks (JOBS_WORKERS: 'true'), so a scheduled sweep
      // never races a test that drives expiry or delivery by hand.
      JOBS_WORKERS: 'false',
      // Tests send many requests from one address; the limiter still counts every one of them.
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000',
      // Likewise every order comes from one address and mostly one e-mail; the hoarding limits are
      // tested with their real values in checkout-limits.e2e-spec.ts.
      CHECKOUT_MAX_ATTEMPTS_PER_IP: '100000',
      CHECKOUT_MAX_UNPAID_PER_IP: '100000',
      CHECKOUT_MAX_UNPAID_PER_EMAIL: '100000',
      ...env,
    }),
    { jwtSecret: env.JWT_SECRET ?? TEST_JWT_SECRET },
  );
  const app = await createApp(config, url, { logDestination: options.logDestination });
  await app.init();
  checkResponsesAgainstOpenApi(app);
  return {
    app,
    http: app.getHttpServer() as App,
    dataSource: app.get(DataSource),
    config,
    async close() {
      await app.close();
      await dispose();
    },
  };
}
