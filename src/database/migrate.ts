import { DataSource } from 'typeorm';
import { databaseOptions } from './data-source-options.js';

/**
 * Applies pending migrations under a PostgreSQL advisory lock, so several API processes starting
 * together (a rolling deploy, compose replicas) migrate once instead of racing each other.
 */
export async function migrateDatabase(url: string): Promise<string[]> {
  const dataSource = new DataSource({ ...databaseOptions({ url, poolSize: 2, applicationName: 'etalase-migrate' }), logging: ['error'], logger: 'simple-console' });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', ['etalase:migrations']);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock(hashtext($1))', ['etalase:migrations']).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
