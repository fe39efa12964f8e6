import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { listProductsQuery } from '../../src/catalog/catalog-queries.js';
import { withDatabase } from '../../src/database/database-url.js';
import { findFreePort } from '../../src/database/free-port.js';
import { migrateDatabase } from '../../src/database/migrate.js';
import { adminQuery, startScratchServer, uniqueDatabaseName } from '../../src/database/scratch-database.js';
import { benchEnvironment } from './bench-env.js';
import { seedCatalog } from './catalog-seed.js';
import { startCeiling } from './ceiling.js';
import { ask, nextReply } from './soak.js';
import { median } from './median.js';
import { parseWholeNumberFlags } from './whole-number-flags.js';
import { postgresCpuMicros } from './postgres-cpu.js';

/**
 * `npm run bench:cpu`: the CPU time the app spends per request on the catalog's hot paths, with
 * the app alone in its own process (soak-app.ts) and the load generator in another, so nothing
 * else is counted. On a shared machine req/s and p99 drift with whatever else runs; the app's own
 * CPU per request does not, so a change's cost or saving shows here first. The bare ceiling
 * (ceiling.ts, in this process) is measured the same way for the list. PostgreSQL's CPU per request
 * (every postgres process on this machine) is printed beside it: the two servers share the cores
 * with it, so the app's share of node + PostgreSQL time is what its req/s against the ceiling's
 * comes to on a quiet machine.
 *
 *   npm run bench:cpu -- --products 100000 --duration 8 --rounds 3
 */

interface Options {
  products: number;
  duration: number;
  rounds: number;
  connections: number;
}

const LIST_PAGE_1 = 'list page 1';
const CEILING = 'ceiling (bare http + pg)';

function parseOptions(argv: string[]): Options {
  return parseWholeNumberFlags<Options>(argv, { products: 20_000, duration: 8, rounds: 3, connections: 20 }, 'test/bench/cpu.bench.ts');
}

interface Load {
  requests: number;
  requestsPerSecond: number;
  p99: number;
  failed: number;
}

/** autocannon in a process of its own (its JSON report), so its CPU is nobody's we measure. */
function load(url: string, seconds: number, connections: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    const child = fork(require.resolve('autocannon/autocannon.js'), ['-j', '-c', String(connections), '-d', String(seconds), url], { stdio: ['ignore', 'pipe', 'ignore', 'ipc'] });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      try {
        const report = JSON.parse(out) as { requests: { total: number; average: number }; latency: { p99: number }; non2xx: number; errors: number };
        resolve({ requests: report.requests.total, requestsPerSecond: Math.round(report.requests.average), p99: report.latency.p99, failed: report.non2xx + report.errors });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

async function appCpu(child: ChildProcess): Promise<number> {
  const { usage } = await ask(child, { type: 'cpu' }, 'cpu');
  return usage.user + usage.system;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (message: string): void => void process.stdout.write(`${message}\n`);
  const server = await startScratchServer(process.env.DATABASE_URL);
  const database = uniqueDatabaseName('etalase_bench_cpu');
  await adminQuery(server.url, `CREATE DATABASE ${database}`);
  const url = withDatabase(server.url, database);
  let child: ChildProcess | undefined;
  let failed = false;
  try {
    await migrateDatabase(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const seed = await seedCatalog(client, options.products);
    const [product] = (
      await client.query<{ slug: string }>(
        `SELECT p.slug FROM product p JOIN facility f ON f.id = p.facility_id
          WHERE p.status = 'PUBLISHED' AND p.deleted_at IS NULL AND f.active AND EXISTS (SELECT 1 FROM product_image i WHERE i.product_id = p.id)
          ORDER BY p.slug LIMIT 1`,
      )
    ).rows;
    await client.end();
    if (!product) throw new Error('No product to show');

    const port = await findFreePort();
    const { env } = benchEnvironment(url, { PORT: String(port) });
    child = fork(join(__dirname, 'soak-app.js'), [JSON.stringify(env)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await nextReply(child, 'ready');
    const app = `http://127.0.0.1:${port}`;
    const ceiling = await startCeiling(url, listProductsQuery({}, undefined, 'newest', undefined, 25), 10, 24);
    const paths: [name: string, url: string, cpu: () => Promise<number>][] = [
      [LIST_PAGE_1, `${app}/api/v1/products`, () => appCpu(child as ChildProcess)],
      [CEILING, `${ceiling.baseUrl}/`, async () => { const usage = process.cpuUsage(); return usage.user + usage.system; }],
      // Where list page 1's time goes: the same list with one product (the cost of a request to the
      // catalog whatever its size), and a route with no database and almost no middleware.
      ['list limit=1', `${app}/api/v1/products?limit=1`, () => appCpu(child as ChildProcess)],
      ['health live (no database)', `${app}/health/live`, () => appCpu(child as ChildProcess)],
      ['search q=batik', `${app}/api/v1/products?q=batik`, () => appCpu(child as ChildProcess)],
      ['typo search q=batk', `${app}/api/v1/products?q=batk`, () => appCpu(child as ChildProcess)],
      ['product detail', `${app}/api/v1/products/${product.slug}`, () => appCpu(child as ChildProcess)],
      ['product page (showcase)', `${app}/produk/${product.slug}`, () => appCpu(child as ChildProcess)],
    ];
    log(`${seed.products} products; ${options.connections} connections, ${options.duration} s per run, ${options.rounds} rounds in turns after one unmeasured pass, ${cpus().length} CPUs, load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
    const results = new Map<string, { cpu: number[]; database: number[]; rate: number[]; p99: number[] }>(paths.map(([name]) => [name, { cpu: [], database: [], rate: [], p99: [] }]));
    // One unmeasured pass over every path first: a freshly started app spent a quarter to a half
    // more CPU per request in its first round than in the next ones, on every path, even after each
    // run's own warm-up (JIT, heap growth, the database's caches after seeding).
    for (const [, target] of paths) await load(target, options.duration, options.connections);
    for (let round = 0; round < options.rounds; round += 1) {
      for (const [name, target, cpu] of paths) {
        await load(target, 2, options.connections); // warm: JIT, prepared statements, kept scores
        const [before, databaseBefore] = await Promise.all([cpu(), postgresCpuMicros()]);
        const run = await load(target, options.duration, options.connections);
        const [after, databaseAfter] = await Promise.all([cpu(), postgresCpuMicros()]);
        if (run.failed > 0) failed = true;
        const result = results.get(name);
        result?.cpu.push(Math.round((after - before) / run.requests));
        if (databaseBefore !== null && databaseAfter !== null) result?.database.push(Math.round((databaseAfter - databaseBefore) / run.requests));
        result?.rate.push(run.requestsPerSecond);
        result?.p99.push(run.p99);
      }
    }
    await ceiling.close();
    const ceilingRuns = results.get(CEILING);
    const ceilingCpu = median(ceilingRuns?.cpu ?? []);
    const ceilingBoth = ceilingCpu + median(ceilingRuns?.database ?? []);
    const percent = (part: number, whole: number): string => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '-');
    const runs = (values: number[]): string => (values.length > 0 ? `${median(values)} (${values.join(', ')})` : 'n/a');
    log('\nscenario                  CPU µs/request (median; runs)          PostgreSQL µs/request (median; runs)  req/s (median)  p99 ms (median)  vs ceiling CPU  ceiling/(app+pg)');
    for (const [name, { cpu, database, rate, p99 }] of results) {
      // Only list page 1 runs the ceiling's statement: for other paths the two sums are not comparable.
      const shareOfCeiling = name === LIST_PAGE_1 && database.length > 0 ? percent(ceilingBoth, median(cpu) + median(database)) : '-';
      log(
        `${name.padEnd(26)}${runs(cpu).padEnd(39)}${runs(database).padEnd(38)}${String(median(rate)).padStart(14)}  ${String(median(p99)).padStart(15)}  ${percent(median(cpu), ceilingCpu).padStart(14)}  ${shareOfCeiling.padStart(16)}`,
      );
    }
    log('PostgreSQL: every postgres process on this machine (n/a without /proc). ceiling/(app+pg), for list page 1 (the ceiling runs its statement): the ceiling\'s node + PostgreSQL CPU over the app\'s, what list page 1\'s req/s would be of the ceiling\'s on two cores with nothing else running (the load generator left out).');
    log(`\nLoad average at the end: ${loadavg().map((v) => v.toFixed(2)).join(' ')}${failed ? '; some requests failed' : ''}`);
  } finally {
    // The app closes its pool when told to go (soak-app.ts), before its database is dropped.
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child?.once('exit', done));
      child.disconnect();
      await exited;
    }
    await adminQuery(server.url, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await server.stop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
