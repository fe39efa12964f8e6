import { spawnSync, type SpawnOptions } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDatabase } from '../src/database/database-url';
import { findFreePort } from '../src/database/free-port';
import { CompiledServer, jsonLines, spawnServer, waitUntilReady } from './support/compiled-server';
import { createTestDatabase, dropTestDatabase, testServerUrl } from './support/test-database';
import { TEST_JWT_SECRET } from './support/test-app';

jest.setTimeout(120_000);

/** process.execPath if `user` may run it, else a copy of it in `folder` that anyone may run. */
async function nodeFor(user: Pick<SpawnOptions, 'uid' | 'gid'>, folder: string): Promise<string> {
  if (!spawnSync(process.execPath, ['-e', ''], user).error) return process.execPath;
  const copy = join(folder, 'node');
  await copyFile(process.execPath, copy);
  await chmod(copy, 0o755);
  return copy;
}

/** How the compiled server starts and what it tells the person starting it. */
describe('start-up (compiled server)', () => {
  let databaseUrl: string;
  let uploadsDir: string;
  const servers: CompiledServer[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    uploadsDir = await mkdtemp(join(tmpdir(), 'etalase-startup-uploads-'));
  });

  afterAll(async () => {
    for (const server of servers) if (server.process.exitCode === null) server.process.kill('SIGKILL');
    await dropTestDatabase(databaseUrl);
    await rm(uploadsDir, { recursive: true, force: true });
  });

  /** Starts on the test database, waits until ready, stops with SIGTERM; returns the server. */
  async function startAndStop(env: Record<string, string> = {}): Promise<CompiledServer> {
    const port = await findFreePort();
    const server = spawnServer({ DATABASE_URL: databaseUrl, JWT_SECRET: TEST_JWT_SECRET, UPLOADS_DIR: uploadsDir, PORT: String(port), ...env });
    servers.push(server);
    await waitUntilReady(server, port);
    server.process.kill('SIGTERM');
    expect(await server.exited()).toBe(0);
    return server;
  }

  describe('logs', () => {
    it('are JSON lines when stdout is not a terminal, with one line for the ~80 mapped routes', async () => {
      const server = await startAndStop();
      const messages = jsonLines(server.stdout()).map((line) => String(line.msg));
      const summaries = messages.filter((message) => /^Mapped \d+ routes in \d+ controllers$/.test(message));
      expect(summaries).toHaveLength(1);
      expect(Number(/^Mapped (\d+)/.exec(summaries[0] ?? '')?.[1])).toBeGreaterThan(50);
      expect(messages.filter((message) => message.startsWith('Mapped {') || message.endsWith('dependencies initialized'))).toEqual([]);
      // One stream for the start-up logger and the app's: lines come in the order they were logged.
      expect(messages.indexOf(summaries[0] ?? '')).toBeLessThan(messages.indexOf('Etalase is ready'));
      expect(server.stderr()).toBe('');
    });

    it('warn once about a misspelt setting, naming the one meant', async () => {
      const server = await startAndStop({ DATABSE_URL: 'postgres://somewhere/else', SMTP_HOST: 'mail.example' });
      const warnings = jsonLines(server.stdout()).filter((line) => line.level === 40);
      expect(warnings.map((line) => line.msg)).toEqual([
        'DATABSE_URL is not an Etalase setting and is ignored: did you mean DATABASE_URL?',
        'SMTP_HOST is not an Etalase setting and is ignored: did you mean SMTP_URL?',
      ]);
    });

    it('are readable lines with LOG_FORMAT=pretty', async () => {
      const server = await startAndStop({ LOG_FORMAT: 'pretty' });
      const output = server.stdout();
      expect(output).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: Etalase is ready$/m);
      expect(output).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \[RoutesResolver\] Mapped \d+ routes in \d+ controllers$/m);
      expect(output).not.toMatch(/^\{"level"/m);
    });
  });

  describe('failures', () => {
    /** The server must exit 1 having printed exactly one line, with no stack; returns it. */
    async function failure(env: Record<string, string>, options: Pick<SpawnOptions, 'uid' | 'gid'> = {}, node?: string): Promise<string> {
      const server = spawnServer({ JWT_SECRET: TEST_JWT_SECRET, UPLOADS_DIR: uploadsDir, PORT: String(await findFreePort()), ...env }, options, node);
      servers.push(server);
      expect(await server.exited()).toBe(1);
      const lines = server.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      return lines[0] ?? '';
    }

    it('port in use: names the port and how to pick another', async () => {
      const port = await findFreePort();
      const holder: Server = createServer();
      await new Promise<void>((resolve) => holder.listen(port, '0.0.0.0', resolve));
      try {
        expect(await failure({ DATABASE_URL: databaseUrl, PORT: String(port) })).toBe(
          `Port ${port} on 0.0.0.0 is already in use (another Etalase, or another program): stop that one, or set PORT to a free port, e.g. PORT=${port + 1}`,
        );
      } finally {
        await new Promise((resolve) => holder.close(resolve));
      }
    });

    it('DATA_DIR not writable: names the folder and the fix', async () => {
      const parent = await mkdtemp(join(tmpdir(), 'etalase-readonly-'));
      await chmod(parent, 0o755);
      const readOnly = join(parent, 'read-only');
      await mkdir(readOnly, { mode: 0o555 });
      // root writes anywhere: the server runs as nobody then, for whom the folder is read-only.
      const asSomeoneElse = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      // CI may keep its Node under /root, which nobody cannot enter: nobody gets a copy then.
      const node = process.getuid?.() === 0 ? await nodeFor(asSomeoneElse, parent) : undefined;
      try {
        const dataDir = join(readOnly, 'data');
        expect(await failure({ DATA_DIR: dataDir, HOME: parent }, asSomeoneElse, node)).toBe(
          `DATA_DIR ${dataDir} cannot be written (EACCES: permission denied): give this user write access to it, or point DATA_DIR at a folder this user can write`,
        );
      } finally {
        await rm(parent, { recursive: true, force: true });
      }
    });

    it('DATABASE_URL with a host that does not resolve', async () => {
      expect(await failure({ DATABASE_URL: 'postgres://etalase:s3cret@etalase-db.invalid:5432/etalase' })).toMatch(
        /^DATABASE_URL names the host "etalase-db\.invalid", which does not resolve \((ENOTFOUND|EAI_AGAIN)\): correct the host name/,
      );
    });

    it('DATABASE_URL where nothing listens', async () => {
      const port = await findFreePort();
      expect(await failure({ DATABASE_URL: `postgres://etalase:s3cret@127.0.0.1:${port}/etalase` })).toBe(
        `Nothing accepts connections at 127.0.0.1:${port} (DATABASE_URL): start PostgreSQL there, or correct the host and port`,
      );
    });

    it('DATABASE_URL with a user the server refuses', async () => {
      const url = new URL(testServerUrl());
      url.username = 'etalase_nobody';
      url.password = 's3cret';
      const line = await failure({ DATABASE_URL: url.toString() });
      expect(line).toMatch(new RegExp(`^PostgreSQL at 127\\.0\\.0\\.1:${url.port || 5432} refused user "etalase_nobody"`));
      expect(line).toMatch(/DATABASE_URL/);
      expect(line).not.toContain('s3cret');
    });

    it('DATABASE_URL naming a database that does not exist', async () => {
      const missing = `etalase_missing_${Date.now().toString(36)}`;
      const server = new URL(testServerUrl());
      expect(await failure({ DATABASE_URL: withDatabase(testServerUrl(), missing) })).toBe(
        `Database "${missing}" does not exist on ${server.hostname}:${server.port || 5432}: create it (createdb "${missing}") or correct the database name at the end of DATABASE_URL`,
      );
    });
  });
});
