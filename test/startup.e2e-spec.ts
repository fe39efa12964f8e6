import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../src/database/free-port';
import { CompiledServer, jsonLines, spawnServer, waitUntilReady } from './support/compiled-server';
import { createTestDatabase, dropTestDatabase } from './support/test-database';
import { TEST_JWT_SECRET } from './support/test-app';

jest.setTimeout(120_000);

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
      expect(messages).toContain('Etalase is ready');
      expect(server.stderr()).toBe('');
    });

    it('are readable lines with LOG_FORMAT=pretty', async () => {
      const server = await startAndStop({ LOG_FORMAT: 'pretty' });
      const output = server.stdout();
      expect(output).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: Etalase is ready$/m);
      expect(output).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \[RoutesResolver\] Mapped \d+ routes in \d+ controllers$/m);
      expect(output).not.toMatch(/^\{"level"/m);
    });
  });
});
