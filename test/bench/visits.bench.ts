import 'reflect-metadata';
import autocannon from 'autocannon';
import { cpus } from 'node:os';
import pg from 'pg';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { withDatabase } from '../../src/database/database-url.js';
import { migrateDatabase } from '../../src/database/migrate.js';
import { adminQuery, startScratchServer, uniqueDatabaseName } from '../../src/database/scratch-database.js';
import { VisitCounter } from '../../src/humas/visits/visit-counter.service.js';
import { type BenchApp, startBenchApp } from './bench-env.js';
import { seedCatalog } from './catalog-seed.js';
import { median } from './median.js';
import { parseWholeNumberFlags } from './whole-number-flags.js';

/**
 * `npm run bench:visits`: what counting visits costs the showcase product page, and whether counts
 * stay exact under a burst (issue 17). Two apps on one database, counting off and on, measured in
 * turns (off, on, off, on) so drift of the shared machine hits both alike; then a 1,000 req/s burst
 * at the counting app, after which the views it wrote must equal the requests sent, and the daily
 * unique visitors the distinct clients it came from. Also times `record()` alone, the whole of
 * what counting adds to a request (the flush runs beside the requests, every 2 s), and the flush
 * of those 100,000 distinct visitors: its total time and its longest statement (the flush writes
 * in bounded chunks so no one statement holds its row locks for long).
 *
 *   npm run bench:visits -- --connections 20 --duration 10 --rounds 2 --burst 5
 */

interface Options {
  connections: number;
  duration: number;
  rounds: number;
  /** Seconds of the 1,000 req/s burst. */
  burst: number;
}

function parseOptions(argv: string[]): Options {
  return parseWholeNumberFlags<Options>(argv, { connections: 20, duration: 10, rounds: 2, burst: 5 }, 'test/bench/visits.bench.ts');
}

const BROWSER = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36';

/** `count` requests from `count` different clients (X-Forwarded-For), each arriving from somewhere. */
function clients(count: number, firstOctet: number): { method: 'GET'; headers: Record<string, string> }[] {
  const referers = ['https://l.instagram.com/', 'https://www.google.co.id/', '', 'https://m.facebook.com/'];
  return Array.from({ length: count }, (_, i) => {
    const referer = referers[i % referers.length] ?? '';
    return {
      method: 'GET' as const,
      headers: { 'user-agent': BROWSER, 'x-forwarded-for': `${firstOctet}.${Math.floor(i / 250) % 250}.${i % 250}.9`, ...(referer ? { referer } : {}) },
    };
  });
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Runs `work`, timing every statement whose text matches `pattern` (all go through TypeORM's
 * Postgres query runner, whether in a transaction or not).
 */
async function timedStatements(pattern: RegExp, work: () => Promise<void>): Promise<{ totalMs: number; statements: number[] }> {
  const statements: number[] = [];
  const original = PostgresQueryRunner.prototype.query;
  PostgresQueryRunner.prototype.query = async function timed(this: PostgresQueryRunner, ...args: Parameters<typeof original>) {
    const startedAt = process.hrtime.bigint();
    try {
      return await original.apply(this, args);
    } finally {
      if (pattern.test(args[0])) statements.push(Number(process.hrtime.bigint() - startedAt) / 1e6);
    }
  } as typeof original;
  const startedAt = process.hrtime.bigint();
  try {
    await work();
  } finally {
    PostgresQueryRunner.prototype.query = original;
  }
  return { totalMs: Number(process.hrtime.bigint() - startedAt) / 1e6, statements };
}

async function counted(url: string): Promise<{ views: number; visitors: number }> {
  const [row] = await query<{ views: number; visitors: number }>(
    url,
    `SELECT (SELECT coalesce(sum(views), 0)::int FROM page_view_daily) AS views,
            (SELECT coalesce(sum(visitors), 0)::int FROM unique_visitors_daily WHERE scope = 'nation') AS visitors`,
  );
  return row ?? { views: 0, visitors: 0 };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (message: string): void => void process.stdout.write(`${message}\n`);
  const server = await startScratchServer(process.env.DATABASE_URL);
  const database = uniqueDatabaseName('etalase_bench_visits');
  await adminQuery(server.url, `CREATE DATABASE ${database}`);
  const url = withDatabase(server.url, database);
  const apps: BenchApp[] = [];
  let failed = false;
  try {
    await migrateDatabase(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await seedCatalog(client, 2_000).finally(() => client.end());
    const [product] = await query<{ slug: string }>(
      url,
      `SELECT p.slug FROM product p JOIN facility f ON f.id = p.facility_id
        WHERE p.status = 'PUBLISHED' AND p.deleted_at IS NULL AND f.active AND p.kind = 'GOODS' ORDER BY p.slug LIMIT 1`,
    );
    if (!product) throw new Error('No product to show');
    const path = `/produk/${product.slug}`;
    const off = await startBenchApp(url, { VISIT_COUNTING: 'false', TRUST_PROXY: 'true' });
    apps.push(off);
    const on = await startBenchApp(url, { VISIT_COUNTING: 'true', TRUST_PROXY: 'true' });
    apps.push(on);

    log(`Product page ${path}: ${options.connections} connections, ${options.duration} s per run, ${options.rounds} rounds, ${cpus().length} CPUs`);
    const requests = clients(500, 10);
    const p99 = { off: [] as number[], on: [] as number[] };
    for (let round = 0; round < options.rounds; round += 1) {
      // Off first in one round, on first in the next: the machine's drift within a round then
      // falls on each side as often (paired below).
      const sides = [['off', off] as const, ['on', on] as const];
      for (const [name, app] of round % 2 === 0 ? sides : sides.reverse()) {
        await autocannon({ url: `${app.baseUrl}${path}`, connections: options.connections, duration: 2, workers: 1, requests });
        const result = await autocannon({ url: `${app.baseUrl}${path}`, connections: options.connections, duration: options.duration, workers: 1, requests });
        p99[name].push(result.latency.p99);
        log(`  round ${round + 1}, counting ${name.padEnd(3)}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx`);
        if (result.non2xx > 0 || result.errors > 0) failed = true;
      }
    }
    // Paired by round: each round's on minus its off, so the rounds' drift (tens of ms on a shared
    // 2-core machine) cancels out; the median resists the one round a neighbour disturbed.
    const differences = p99.on.map((value, round) => value - (p99.off[round] ?? value));
    const growth = median(differences);
    const growthMet = growth <= 2;
    log(
      `${growthMet ? 'PASS' : 'FAIL'}  p99 growth with counting <= 2 ms at ${options.connections} connections: median of paired rounds ${growth.toFixed(1)} ms ` +
        `(on - off per round: ${differences.map((difference) => difference.toFixed(0)).join(', ')} ms)`,
    );

    // What counting adds to a request, measured alone (the shared machine's noise dwarfs it above).
    const counter = on.app.get(VisitCounter);
    const calls = 100_000;
    const startedAt = process.hrtime.bigint();
    for (let i = 0; i < calls; i += 1) {
      counter.record({
        kind: 'product',
        key: product.slug,
        method: 'GET',
        status: 200,
        userAgent: BROWSER,
        headers: {},
        url: `${path}?utm_source=whatsapp`,
        referer: i % 2 === 0 ? 'https://l.instagram.com/' : undefined,
        ip: `12.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        host: '127.0.0.1',
      });
    }
    const microseconds = Number(process.hrtime.bigint() - startedAt) / 1_000 / calls;
    log(`  record(): ${microseconds.toFixed(2)} µs per counted view, in memory (${calls} views from ${calls} clients)`);
    const flushed = await timedStatements(/INSERT INTO (page_view_daily|visitor_day)/, () => counter.flush());
    log(
      `  flush of those ${calls} visitors: ${flushed.totalMs.toFixed(0)} ms in ${flushed.statements.length} statements, the longest ${Math.max(...flushed.statements).toFixed(0)} ms`,
    );

    // The burst: 1,000 req/s at the counting app; every answered page must be one view. Requests
    // of the runs above still in flight are let finish and written first.
    await new Promise((done) => setTimeout(done, 3_000));
    await counter.flush();
    const before = await counted(url);
    const amount = 1_000 * options.burst;
    // Each autocannon connection walks the list from its start: 20 clients, so every connection
    // (about amount/100 requests each) comes as each of them.
    const burstClients = 20;
    const burst = await autocannon({ url: `${on.baseUrl}${path}`, connections: 100, overallRate: 1_000, amount, timeout: 60, workers: 1, requests: clients(burstClients, 11) });
    await counter.flush();
    const after = await counted(url);
    // Sent, not answered in time: a request the client gave up on was still served, and counted.
    const viewsMet = after.views - before.views === amount && burst.non2xx === 0;
    const visitorsMet = after.visitors - before.visitors === burstClients;
    log(`  burst: ${burst.requests.total} requests in ${burst.duration.toFixed(1)} s (${Math.round(burst.requests.average)} req/s), p99 ${burst.latency.p99} ms, ${burst.non2xx} non-2xx, ${burst.errors} client timeouts or errors`);
    log(`${viewsMet ? 'PASS' : 'FAIL'}  views counted = requests sent: ${after.views - before.views} of ${amount}`);
    log(`${visitorsMet ? 'PASS' : 'FAIL'}  new daily unique visitors = distinct clients: ${after.visitors - before.visitors} of ${burstClients}`);
    if (!growthMet || !viewsMet || !visitorsMet) failed = true;
  } finally {
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    await adminQuery(server.url, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await server.stop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
