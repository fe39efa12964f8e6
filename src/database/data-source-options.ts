import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { DatabaseLogger } from './database-logger.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export type PostgresOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

export interface DatabaseSettings {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

/**
 * The one description of how Etalase talks to PostgreSQL, shared by the app, the migration
 * tooling and the tests. Schema changes only ever come from `migrations/`.
 */
export function databaseOptions(settings: DatabaseSettings): PostgresOptions {
  return {
    type: 'postgres',
    url: settings.url,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    // Migrations run before the app starts, under a lock (migrate.ts), never implicitly.
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    migrations: [...MIGRATIONS],
    // ids default to gen_random_uuid(), built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    poolSize: settings.poolSize ?? 10,
    applicationName: settings.applicationName ?? 'etalase',
    logger: new DatabaseLogger(),
    logging: ['error', 'warn', 'migration'],
    maxQueryExecutionTime: 500,
    extra: {
      // Fail fast instead of queueing forever when the pool is exhausted or the server is gone.
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 30_000,
    },
  };
}
