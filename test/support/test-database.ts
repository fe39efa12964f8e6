import pg from 'pg';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../src/database/data-source-options';
import { withDatabase } from '../../src/database/database-url';
import { TEST_RUN_PREFIX_ENV, TEST_SERVER_URL_ENV } from './test-env';

export function testServerUrl(): string {
  const url = process.env[TEST_SERVER_URL_ENV];
  if (!url) throw new Error('The jest global setup did not run (no test database server)');
  return url;
}

function runPrefix(): string {
  const prefix = process.env[TEST_RUN_PREFIX_ENV];
  if (!prefix) throw new Error('The jest global setup did not run (no run prefix)');
  return prefix;
}

async function withServerClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(testServerUrl(), 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let templateReady: Promise<string> | undefined;

/**
 * The migrated template for this run. Built once, by whichever worker gets the lock first;
 * the migrations are the real ones, so every test runs on the schema production gets.
 */
function ensureTemplate(): Promise<string> {
  templateReady ??= withServerClient(async (client) => {
    const template = `${runPrefix()}_template`;
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    try {
      const { rows } = await client.query<{ description: string | null }>(
        'SELECT shobj_description(oid, \'pg_database\') AS description FROM pg_database WHERE datname = $1',
        [template],
      );
      if (rows[0]?.description === 'migrated') return template;
      if (rows.length === 0) await client.query(`CREATE DATABASE ${template}`);
      const dataSource = new DataSource({ ...databaseOptions({ url: withDatabase(testServerUrl(), template) }), logging: false, logger: 'simple-console' });
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
      await dataSource.destroy();
      await client.query(`COMMENT ON DATABASE ${template} IS 'migrated'`);
      return template;
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
    }
  });
  return templateReady;
}

/** A fresh database for one test file: files run in parallel and never see each other's rows. */
export async function createTestDatabase(): Promise<string> {
  const template = await ensureTemplate();
  const name = `${runPrefix()}_${process.env.JEST_WORKER_ID ?? '0'}_${Math.random().toString(36).slice(2, 10)}`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await withServerClient((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
      return withDatabase(testServerUrl(), name);
    } catch (error) {
      // Another worker copying the template at the same instant holds it for a moment.
      const busy = error instanceof Error && /being accessed by other users/.test(error.message);
      if (!busy || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 150));
    }
  }
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await withServerClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
