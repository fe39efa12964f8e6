import './resolve-ts';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { TEST_RUN_PREFIX_ENV, TEST_SERVER_URL_ENV } from './test-env';

declare global {
  var etalaseTestRun: { stop(): Promise<void> } | undefined;
}

/**
 * Starts the database server for the whole run: a fresh embedded PostgreSQL, or the server in
 * DATABASE_URL. The first test file to need it migrates a template database the others copy.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const prefix = `etalase_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  process.env[TEST_RUN_PREFIX_ENV] = prefix;
  const external = process.env.DATABASE_URL;
  if (external) {
    process.env[TEST_SERVER_URL_ENV] = external;
    globalThis.etalaseTestRun = { stop: () => dropRunDatabases(external, prefix) };
    return;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'etalase-test-pg-'));
  await chmod(dataDir, 0o755); // the server runs as the postgres OS user when we are root
  const server = await startEmbeddedPostgres(dataDir, { info: () => undefined, debug: () => undefined });
  process.env[TEST_SERVER_URL_ENV] = server.url;
  globalThis.etalaseTestRun = {
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  process.stdout.write(`\nEmbedded test PostgreSQL ready in ${Date.now() - started} ms\n`);
}

/** On a shared server, remove what this run created (also after a crashed test file). */
async function dropRunDatabases(serverUrl: string, prefix: string): Promise<void> {
  const { default: pg } = await import('pg');
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
    for (const row of rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
