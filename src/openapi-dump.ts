import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { API_PREFIX } from './app.factory.js';
import { AppModule } from './app.module.js';
import { buildOpenApiDocument } from './app.openapi.js';
import { AppConfig } from './config/app-config.js';
import { parseEnvironment } from './config/environment.js';

/**
 * `node dist/src/openapi-dump.js <file>`: writes the OpenAPI document the server serves, without a
 * database or a server. Nest's preview mode resolves the modules and their metadata (all the
 * document needs) but instantiates nothing, so nothing connects anywhere.
 */
async function dump(file: string): Promise<void> {
  // Never connected to: preview mode instantiates no provider.
  const databaseUrl = 'postgres://openapi-dump@127.0.0.1:1/none';
  const jwtSecret = 'openapi-dump-only-never-used-to-sign-anything';
  const config = new AppConfig(parseEnvironment({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret }), { jwtSecret });
  const app = await NestFactory.create(AppModule.register(config, databaseUrl), { preview: true, logger: false, abortOnError: false });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready'] });
  writeFileSync(file, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
}

const file = process.argv[2];
if (!file) {
  console.error('Usage: node dist/src/openapi-dump.js <file>');
  process.exit(2);
}
dump(file).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
