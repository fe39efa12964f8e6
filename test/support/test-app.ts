import type { NestExpressApplication } from '@nestjs/platform-express';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { AppConfig } from '../../src/config/app-config';
import { parseEnvironment } from '../../src/config/environment';
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

/**
 * The real application (same factory as production) on a database of its own.
 * `env` overrides configuration the way environment variables would.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const url = await createTestDatabase();
  const config = new AppConfig(
    parseEnvironment({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
      JWT_SECRET: TEST_JWT_SECRET,
      DB_POOL_SIZE: '5',
      ...env,
    }),
    { jwtSecret: env.JWT_SECRET ?? TEST_JWT_SECRET },
  );
  const app = await createApp(config, url);
  await app.init();
  return {
    app,
    http: app.getHttpServer() as App,
    dataSource: app.get(DataSource),
    config,
    async close() {
      await app.close();
      await dropTestDatabase(url);
    },
  };
}
