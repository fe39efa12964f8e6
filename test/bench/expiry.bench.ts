import 'reflect-metadata';
import pg from 'pg';
import { BenchApp, startBenchApp } from './bench-env.js';
import { withDatabase } from '../../src/database/database-url.js';
import { migrateDatabase } from '../../src/database/migrate.js';
import { adminQuery, startScratchServer, uniqueDatabaseName } from '../../src/database/scratch-database.js';
import { OrderExpiryService } from '../../src/orders/order-expiry.service.js';
import { seedCatalog } from './catalog-seed.js';

/**
 * `npm run bench:expiry`: how fast a backlog of due unpaid orders clears (issue 12, item 7).
 * Places `--orders` real orders through the checkout, makes them all due at once, then measures
 * (1) the expiry sweep called in-process and (2) a worker process draining the per-order expiry
 * jobs, each on a backlog of its own. Not part of `npm test`; timings go in the issue note.
 *
 *   npm run bench:expiry -- --orders 1000 --budget 120
 */

interface Options {
  orders: number;
  /** Seconds the job drain may take before the bench reports the rate it reached and stops. */
  budget: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { orders: 1000, budget: 120 };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = (argv[i] ?? '').split('=', 2) as [string, string | undefined];
    const text = inline ?? argv[(i += 1)] ?? '';
    if (!/^\d+$/.test(text)) throw new Error(`${flag} needs a whole number`);
    if (flag === '--orders') options.orders = Number(text);
    else if (flag === '--budget') options.budget = Number(text);
    else throw new Error(`Unknown option ${flag}; see the top of test/bench/expiry.bench.ts`);
  }
  return options;
}

function startApp(url: string, jobsWorkers: boolean): Promise<BenchApp> {
  return startBenchApp(url, {
    JOBS_WORKERS: String(jobsWorkers),
    // One bench client places every order: the per-client limits are out of its reach here.
    CHECKOUT_MAX_ATTEMPTS_PER_IP: '100000000',
    CHECKOUT_MAX_UNPAID_PER_IP: '100000000',
    CHECKOUT_MAX_UNPAID_PER_EMAIL: '100000000',
  });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const ADDRESS = { recipient: 'Pembeli Uji', phone: '+62 811 0000 0000', line1: 'Jl. Uji 1', city: 'Banjarmasin', province: 'Kalimantan Selatan', postalCode: '70111' };

/** Places `count` one-line orders through POST /orders, eight at a time. */
async function placeOrders(baseUrl: string, productIds: string[], count: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = (next += 1);
      const response = await fetch(`${baseUrl}/api/v1/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          items: [{ productId: productIds[i % productIds.length], quantity: 1 }],
          customer: { name: 'Pembeli Uji', email: `bench-${i}@example.test`, phone: '+62 811 0000 0000' },
          delivery: { method: 'SHIPPING', address: ADDRESS },
        }),
      });
      if (response.status !== 201) throw new Error(`Checkout answered ${response.status}: ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** Every unpaid order (and its expiry job) becomes due now. */
async function makeAllDue(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rowCount } = await client.query(`UPDATE shop_order SET expires_at = now() - interval '1 second' WHERE status = 'PENDING_PAYMENT'`);
    await client.query(`UPDATE pgboss.job SET start_after = now() WHERE name = 'orders.expire' AND state = 'created'`);
    return rowCount ?? 0;
  });
}

async function pendingCount(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM shop_order WHERE status = 'PENDING_PAYMENT'`);
    return rows[0]?.n ?? 0;
  });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (message: string): void => void process.stdout.write(`${message}\n`);
  const server = await startScratchServer(process.env.DATABASE_URL);
  const database = uniqueDatabaseName('etalase_bench_expiry');
  await adminQuery(server.url, `CREATE DATABASE ${database}`);
  const url = withDatabase(server.url, database);
  const closers: (() => Promise<void>)[] = [];
  try {
    await migrateDatabase(url);
    await withClient(url, (client) => seedCatalog(client, 200));
    const productIds = await withClient(url, async (client) => {
      const { rows } = await client.query<{ id: string }>(
        `UPDATE product SET stock = 1000000
          WHERE id IN (SELECT p.id FROM product p JOIN facility f ON f.id = p.facility_id
                        WHERE p.status = 'PUBLISHED' AND p.deleted_at IS NULL AND p.kind = 'GOODS' AND f.active
                        ORDER BY p.id LIMIT 20)
          RETURNING id`,
      );
      return rows.map((row) => row.id);
    });
    if (productIds.length === 0) throw new Error('No product offered for pickup to order');
    const web = await startApp(url, false);
    closers.push(() => web.close());

    // (1) The sweep, in-process, on a backlog of its own.
    let placed = Date.now();
    await placeOrders(web.baseUrl, productIds, options.orders);
    log(`Placed ${options.orders} orders in ${Date.now() - placed} ms`);
    log(`Made ${await makeAllDue(url)} orders due`);
    const expiry = web.app.get(OrderExpiryService);
    const sweepStarted = Date.now();
    for (let call = 1; ; call += 1) {
      const callStarted = Date.now();
      const cancelled = await expiry.sweep();
      log(`  sweep() call ${call}: ${cancelled} orders in ${Date.now() - callStarted} ms`);
      if (cancelled === 0 || (await pendingCount(url)) === 0) break;
    }
    log(`Sweep: ${options.orders} due orders cleared in ${Date.now() - sweepStarted} ms of sweep time`);

    // (2) The per-order expiry jobs, worked by a worker process, on a fresh backlog.
    placed = Date.now();
    await placeOrders(web.baseUrl, productIds, options.orders);
    log(`Placed ${options.orders} more orders in ${Date.now() - placed} ms`);
    log(`Made ${await makeAllDue(url)} orders due`);
    const drainStarted = Date.now();
    const worker = await startApp(url, true);
    closers.push(() => worker.close());
    let left = options.orders;
    while (left > 0 && Date.now() - drainStarted < options.budget * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      left = await pendingCount(url);
    }
    const seconds = (Date.now() - drainStarted) / 1000;
    const jobs = await withClient(url, async (client) => (await client.query<{ state: string; n: number }>(
      `SELECT state, count(*)::int AS n FROM pgboss.job WHERE name = 'orders.expire' GROUP BY state ORDER BY state`,
    )).rows);
    log(`  orders.expire jobs by state: ${jobs.map((j) => `${j.state} ${j.n}`).join(', ')}`);
    const done = options.orders - left;
    log(
      left === 0
        ? `Jobs: ${options.orders} due orders cleared by a worker in ${seconds.toFixed(1)} s (worker start included)`
        : `Jobs: ${done} of ${options.orders} due orders cleared in ${seconds.toFixed(1)} s (${(done / seconds).toFixed(2)} orders/s); stopped at the budget`,
    );
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await adminQuery(server.url, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
