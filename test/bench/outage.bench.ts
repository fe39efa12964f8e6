import 'reflect-metadata';
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { withDatabase } from '../../src/database/database-url.js';
import { benchEnvironment } from './bench-env.js';
import { findFreePort } from '../../src/database/free-port.js';
import { migrateDatabase } from '../../src/database/migrate.js';
import { adminQuery, startScratchServer, uniqueDatabaseName } from '../../src/database/scratch-database.js';
import { DatabaseProxy } from '../support/database-proxy.js';
import { seedCatalog } from './catalog-seed.js';

/**
 * The database stopped under load (issue 12, item 7), as a scripted check against the compiled
 * server: catalog traffic for `--seconds`, with the database cut (open connections killed, new
 * ones refused) from `--at` for `--cut` seconds. Counts answers by status while it was down, the
 * log lines the server wrote (and how many carry a stack), and how soon after the restore it
 * answered 200 again.
 *
 *   npm run build && tsc -p tsconfig.bench.json && node dist/test/bench/outage.bench.js [--cut 12] [--app path/to/main.js]
 *
 * `--app` runs another build (e.g. main's) against the same database and load.
 */
interface Options {
  app: string;
  seconds: number;
  at: number;
  cut: number;
  connections: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { app: resolve(__dirname, '..', '..', 'src', 'main.js'), seconds: 30, at: 8, cut: 12, connections: 10 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1] ?? ''];
    if (flag === '--app') options.app = resolve(value);
    else if (flag === '--seconds' || flag === '--at' || flag === '--cut' || flag === '--connections') options[flag.slice(2) as 'seconds' | 'at' | 'cut' | 'connections'] = Number(value);
    else throw new Error(`Unknown option ${flag}; see the top of test/bench/outage.bench.ts`);
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (message: string): void => void process.stdout.write(`${message}\n`);
  const server = await startScratchServer(process.env.DATABASE_URL);
  const database = uniqueDatabaseName('etalase_outage');
  await adminQuery(server.url, `CREATE DATABASE ${database}`);
  const url = withDatabase(server.url, database);
  const uploadsDir = await mkdtemp(join(tmpdir(), 'etalase-outage-uploads-'));
  const proxy = await DatabaseProxy.start(url);
  try {
    await migrateDatabase(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await seedCatalog(client, 2_000);
    const { rows } = await client.query<{ slug: string }>(`SELECT slug FROM product WHERE status = 'PUBLISHED' AND deleted_at IS NULL AND kind = 'GOODS' ORDER BY slug LIMIT 20`);
    await client.end();

    const port = await findFreePort();
    const lines: string[] = [];
    const child = spawn(process.execPath, [options.app], {
      // Job workers on, as a single-process deployment runs (their polls meet the outage too).
      env: { PATH: process.env.PATH, ...benchEnvironment(proxy.url, { PORT: String(port), HOST: '127.0.0.1', UPLOADS_DIR: uploadsDir, JOBS_WORKERS: 'true' }).env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let partial = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const complete = text.split('\n');
      partial = complete.pop() ?? '';
      lines.push(...complete.filter((line) => line.length > 0));
    });
    try {
      const baseUrl = `http://127.0.0.1:${port}`;
      for (let waited = 0; ; waited += 100) {
        if (await fetch(`${baseUrl}/health/ready`).then((r) => r.ok, () => false)) break;
        if (waited > 30_000 || child.exitCode !== null) throw new Error(`The app did not start:\n${lines.join('\n')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const requests: autocannon.Request[] = [
        { method: 'GET', path: '/api/v1/products' },
        { method: 'GET', path: '/api/v1/products?q=batik' },
        ...rows.map((row) => ({ method: 'GET' as const, path: `/api/v1/products/${row.slug}` })),
      ];
      const statuses = { before: new Map<number, number>(), during: new Map<number, number>(), after: new Map<number, number>() };
      let phase: keyof typeof statuses = 'before';
      let linesBefore = 0;
      let linesAfterCut = 0;
      let restoredAt = 0;
      let firstOkAfterRestore = 0;
      let finished: (result: autocannon.Result) => void = () => undefined;
      const done = new Promise<autocannon.Result>((resolve) => (finished = resolve));
      const instance = autocannon({ url: baseUrl, connections: options.connections, duration: options.seconds, requests }, (error, result) => {
        if (error) throw error;
        finished(result);
      });
      instance.on('response', (_client, statusCode) => {
        statuses[phase].set(statusCode, (statuses[phase].get(statusCode) ?? 0) + 1);
        if (phase === 'after' && statusCode === 200 && firstOkAfterRestore === 0) firstOkAfterRestore = Date.now();
      });
      setTimeout(() => {
        linesBefore = lines.length;
        phase = 'during';
        void proxy.cut();
      }, options.at * 1000);
      setTimeout(() => {
        void proxy.restore().then(() => {
          restoredAt = Date.now();
          linesAfterCut = lines.length;
          phase = 'after';
        });
      }, (options.at + options.cut) * 1000);
      const result = await done;
      await new Promise((r) => setTimeout(r, 500));

      const outageLines = lines.slice(linesBefore, linesAfterCut);
      const format = (counts: Map<number, number>): string => [...counts.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`).join(', ') || 'none';
      const during = [...statuses.during.values()].reduce((a, b) => a + b, 0);
      log(`App: ${options.app}`);
      log(`${result.requests.total} requests in ${options.seconds} s; database cut from ${options.at} s for ${options.cut} s`);
      log(`  before the cut: ${format(statuses.before)}`);
      log(`  while cut:      ${format(statuses.during)} (${during} answers)`);
      log(`  after restore:  ${format(statuses.after)}`);
      log(`  first 200 after the restore: ${firstOkAfterRestore ? `${firstOkAfterRestore - restoredAt} ms` : 'never'}`);
      log(`Log lines while cut: ${outageLines.length} (${outageLines.filter((line) => line.includes('"stack"')).length} with a stack), ${(outageLines.length / Math.max(1, during)).toFixed(2)} per answer`);
      const messages = new Map<string, number>();
      for (const line of outageLines) {
        const msg = /"msg":"([^"]*)"/.exec(line)?.[1] ?? line.slice(0, 60);
        messages.set(msg, (messages.get(msg) ?? 0) + 1);
      }
      for (const [msg, count] of [...messages.entries()].sort((a, b) => b[1] - a[1])) log(`  ${count} x ${msg}`);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  } finally {
    await proxy.close();
    await rm(uploadsDir, { recursive: true, force: true });
    await adminQuery(server.url, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`Outage check failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
