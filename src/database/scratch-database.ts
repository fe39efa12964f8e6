import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { withDatabase } from './database-url.js';
import { RunningDatabase, startEmbeddedPostgres } from './embedded-postgres.js';

const quiet = { info: () => undefined, debug: () => undefined };

/**
 * A throwaway PostgreSQL server for tooling and tests: a fresh embedded one in a temp folder,
 * or, when `serverUrl` is given, that server (databases made on it are the caller's to drop).
 */
export async function startScratchServer(serverUrl?: string): Promise<RunningDatabase> {
  if (serverUrl) return { url: serverUrl, stop: async () => undefined };
  const dataDir = await mkdtemp(join(tmpdir(), 'etalase-pg-'));
  // The server runs as the `postgres` OS user when we are root; it must be able to enter the folder.
  await chmod(dataDir, 0o755);
  const server = await startEmbeddedPostgres(dataDir, quiet);
  return {
    url: server.url,
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
