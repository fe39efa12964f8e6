import 'reflect-metadata';
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { readCursor } from '../../src/catalog/catalog.service.js';
import { listProductsQuery, productBySlugQuery, PUBLIC_PRODUCT_VISIBILITY, searchTerms, SqlQuery } from '../../src/catalog/catalog-queries.js';
import { encodeCursor } from '../../src/common/pagination/cursor.js';
import { micros } from '../../src/database/sql-time.js';
import { BenchApp, startBenchApp } from './bench-env.js';
import { withDatabase } from '../../src/database/database-url.js';
import { migrateDatabase } from '../../src/database/migrate.js';
import { adminQuery, startScratchServer, uniqueDatabaseName } from '../../src/database/scratch-database.js';
import { seedCatalog, SeedSummary } from './catalog-seed.js';
import { seedPaidOrderLines } from './reports-seed.js';
import { PasswordHasher } from '../../src/auth/password-hasher.js';
import { runSoak, SoakReport } from './soak.js';
import { startCeiling } from './ceiling.js';
import { median } from './median.js';

/**
 * `npm run bench`: the public catalog under load on a fresh database, against a bare node:http +
 * pg server running the list's SQL as the ceiling. Not part of `npm test`.
 *
 *   npm run bench -- --products 100000 --connections 20 --duration 10 --deep-pages 1000 --explain
 *   npm run bench -- --web-only     (the app sends jobs but does not work them, like a web-only replica)
 *   npm run bench -- --only checkout   (only the scenarios whose name contains the text)
 *   npm run bench -- --only list,ceiling,search,typo,product   (the catalog of issue 18: several texts, comma-separated)
 *   npm run bench -- --pair-rounds 5   (list page 1, the ceiling and list page 1 without the limiter measured in turns, five rounds each; default 3)
 *   npm run bench -- --warm-pass 8   (seconds of unmeasured load on every GET scenario before any is measured; 0 = none)
 *   npm run bench -- --report-lines 100000   (paid order lines behind the reports and impact scenarios)
 *   npm run bench -- --soak 600 [--sample 5] [--heap-snapshots]   (memory under mixed load instead, see soak.ts)
 *
 * DATABASE_URL, when set, names the server to use (a scratch database is made and dropped there);
 * otherwise an embedded PostgreSQL is started in a temp folder.
 */

interface Options {
  products: number;
  connections: number;
  duration: number;
  warmup: number;
  deepPages: number;
  /**
   * Rounds in which list page 1 and the ceiling are measured one after the other, the first of the
   * two alternating; their ratio is the median of the rounds' ratios. One run of each, back to back,
   * read the app cold (it ran first, on a freshly started process) and drifted with the machine.
   */
  pairRounds: number;
  /**
   * Seconds of unmeasured load on each GET scenario before the first measurement. A freshly
   * started app spent most of a minute under load before its CPU per request settled (JIT tiers,
   * inline caches: 1,120 µs falling to 680 for list page 1), the bare ceiling a few seconds; the
   * paired rounds then compared a warming app with a warm ceiling.
   */
  warmPass: number;
  explain: boolean;
  logLevel: string;
  /** Paid order lines seeded for the reports scenarios. */
  reportLines: number;
  /** Work jobs (expiry, e-mails) in the app under test, as a single-process deployment does. */
  jobsWorkers: boolean;
  /** Seconds of mixed traffic with memory sampling instead of the scenarios; 0 = no soak. */
  soak: number;
  sampleSeconds: number;
  heapSnapshots: boolean;
  /** Run only the scenarios whose name contains one of these (targets whose scenarios did not run are skipped). */
  only: string[] | undefined;
}

const PAGE_SIZE = 24;

function parseOptions(argv: string[]): Options {
  const options: Options = { products: 10_000, connections: 20, duration: 10, warmup: 3, deepPages: 1000, pairRounds: 3, warmPass: 8, explain: false, logLevel: 'warn', jobsWorkers: true, reportLines: 100_000, soak: 0, sampleSeconds: 5, heapSnapshots: false, only: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = (argv[i] ?? '').split('=', 2) as [string, string | undefined];
    const value = (): string => {
      const next = inline ?? argv[(i += 1)];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    const count = (): number => {
      const text = value();
      if (!/^\d+$/.test(text)) throw new Error(`${flag} needs a whole number, not ${text}`);
      return Number(text);
    };
    switch (flag) {
      case '--products': options.products = count(); break;
      case '--connections': options.connections = count(); break;
      case '--duration': options.duration = count(); break;
      case '--warmup': options.warmup = count(); break;
      case '--deep-pages': options.deepPages = count(); break;
      case '--pair-rounds': options.pairRounds = Math.max(1, count()); break;
      case '--warm-pass': options.warmPass = count(); break;
      case '--log-level': options.logLevel = value(); break;
      case '--explain': options.explain = true; break;
      case '--web-only': options.jobsWorkers = false; break;
      case '--report-lines': options.reportLines = count(); break;
      case '--soak': options.soak = count(); break;
      case '--sample': options.sampleSeconds = Math.max(1, count()); break;
      case '--heap-snapshots': options.heapSnapshots = true; break;
      case '--only': options.only = value().split(',').map((text) => text.trim()).filter((text) => text.length > 0); break;
      default: throw new Error(`Unknown option ${flag}; see the top of test/bench/catalog.bench.ts`);
    }
  }
  return options;
}

interface Scenario {
  name: string;
  path: string;
  /** The statement behind it, for EXPLAIN (none for checkout), run as the app runs it. */
  sql?: SqlQuery;
  /** Requests to POST instead of a GET (a JSON body and its own headers), cycled through by every connection. */
  post?: PostRequest[];
  /** Against the bare ceiling server instead of the app. */
  ceiling?: boolean;
  /** Against a second app whose request limiter is off: what counting every request costs. */
  unlimited?: boolean;
  headers?: Record<string, string>;
  /** Fewer clients than the default (reports are read by a few admins, not a crowd). */
  connections?: number;
}

interface PostRequest {
  body: string;
  headers: Record<string, string>;
}

interface Measured {
  name: string;
  path: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** For a scenario measured in paired rounds: each round's numbers (the fields above are their medians and sums). */
  rounds?: Round[];
}

interface Round {
  requestsPerSecond: number;
  p99: number;
}

const LIST_PAGE_1 = 'list page 1';
const CEILING = 'ceiling (bare http + pg)';
const LIST_PAGE_1_UNLIMITED = 'list page 1, limiter off';
/** Measured in turns (when list page 1 and the ceiling both run): compared with each other, each against a warm process. */
const PAIRED = [LIST_PAGE_1, CEILING, LIST_PAGE_1_UNLIMITED];

/** One scenario's paired rounds as one result: median req/s and latencies, the worst max, every request counted. */
function combineRounds(rounds: Measured[]): Measured {
  const [first] = rounds;
  if (!first) throw new Error('No rounds to combine');
  const sum = (pick: (row: Measured) => number): number => rounds.reduce((total, row) => total + pick(row), 0);
  return {
    name: first.name,
    path: first.path,
    requestsPerSecond: Math.round(median(rounds.map((row) => row.requestsPerSecond))),
    p50: median(rounds.map((row) => row.p50)),
    p99: median(rounds.map((row) => row.p99)),
    max: Math.max(...rounds.map((row) => row.max)),
    requests: sum((row) => row.requests),
    non2xx: sum((row) => row.non2xx),
    errors: sum((row) => row.errors),
    rounds: rounds.map(({ requestsPerSecond, p99 }) => ({ requestsPerSecond, p99 })),
  };
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

function startApp(url: string, options: Options, overrides: Record<string, string> = {}): Promise<BenchApp> {
  return startBenchApp(url, {
    LOG_LEVEL: options.logLevel,
    JOBS_WORKERS: String(options.jobsWorkers),
    // The checkout scenarios are many shoppers, each with an address of its own (X-Forwarded-For
    // from the bench, as from a load balancer) and an e-mail of its own.
    TRUST_PROXY: 'true',
    // Each shopper still places far more orders in a run than a person would: the hoarding limits
    // are out of its reach (still counted and checked on every order).
    CHECKOUT_MAX_ATTEMPTS_PER_IP: '100000000',
    CHECKOUT_MAX_UNPAID_PER_IP: '100000000',
    CHECKOUT_MAX_UNPAID_PER_EMAIL: '100000000',
    ...overrides,
  });
}

async function measure(baseUrl: string, scenario: Scenario, options: Options): Promise<Measured> {
  const url = `${baseUrl}${scenario.path}`;
  const bodies = scenario.post;
  // Each connection cycles through the bodies in turn (plain data: autocannon's worker must clone it).
  const request = bodies
    ? { requests: bodies.map(({ body, headers }) => ({ method: 'POST' as const, headers: { 'content-type': 'application/json', ...headers }, body })) }
    : { method: 'GET' as const, headers: scenario.headers ?? {} };
  const connections = scenario.connections ?? options.connections;
  if (options.warmup > 0) await autocannon({ url, connections, duration: options.warmup, workers: 1, ...request });
  const result = await autocannon({ url, connections, duration: options.duration, workers: 1, ...request });
  return {
    name: scenario.name,
    path: scenario.path,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function explain(url: string, sql: SqlQuery): Promise<string> {
  return withClient(url, async (client) => {
    await client.query('BEGIN');
    try {
      // Twice: the first run warms the caches; the second is the one a steady server sees.
      await client.query(`EXPLAIN (ANALYZE) ${sql.text}`, sql.values);
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, sql.values);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    } finally {
      await client.query('ROLLBACK');
    }
  });
}

/**
 * Orders for one unit of each of `count` shippable products (given stock for the whole run), from
 * `shoppers` different shoppers: each has its own address and e-mail, as real traffic does, so the
 * checkout limits count each one separately.
 */
async function checkoutBodies(url: string, count: number, shoppers = 200): Promise<PostRequest[]> {
  const productIds = await withClient(url, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `UPDATE product SET stock = 100000000
        WHERE id IN (SELECT p.id FROM product p JOIN facility f ON f.id = p.facility_id
                      WHERE p.status = 'PUBLISHED' AND p.deleted_at IS NULL AND p.kind = 'GOODS' AND f.active
                      ORDER BY p.id LIMIT $1)
        RETURNING id`,
      [count],
    );
    return rows.map((row) => row.id);
  });
  if (productIds.length === 0) throw new Error('No shippable product to check out');
  return Array.from({ length: Math.max(count, shoppers) }, (_, i) => ({
    headers: { 'x-forwarded-for': `10.${Math.floor(i / 250) % 250}.${i % 250}.7` },
    body: JSON.stringify({
      items: [{ productId: productIds[i % productIds.length], quantity: 1 }],
      customer: { name: 'Pembeli Uji', email: `pembeli${i}@example.test`, phone: '+62 811 0000 0000' },
      delivery: {
        method: 'SHIPPING',
        address: { recipient: 'Pembeli Uji', phone: '+62 811 0000 0000', line1: 'Jl. Uji 1', city: 'Banjarmasin', province: 'Kalimantan Selatan', postalCode: '70111' },
      },
    }),
  }));
}

/**
 * The cursor for page `pages` of the newest-first list (what the app encodes from the last row of
 * the page before), found in SQL: walking a thousand pages over HTTP would take longer than the
 * measurement. With fewer pages in the catalog, the last page there is.
 */
async function deepCursor(url: string, pages: number): Promise<{ cursor: string; page: number }> {
  if (pages < 2) throw new Error('--deep-pages must be at least 2');
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ id: string; key: number; n: number }>(
      `WITH listed AS (
         SELECT p.id, ${micros('p.published_at')} AS key, row_number() OVER (ORDER BY p.published_at DESC, p.id DESC)::int AS n
           FROM product p JOIN facility f ON f.id = p.facility_id
          WHERE ${PUBLIC_PRODUCT_VISIBILITY}
       )
       SELECT id, key, n FROM listed WHERE n <= $1 AND n % $2 = 0 AND n < (SELECT count(*) FROM listed) ORDER BY n DESC LIMIT 1`,
      [(pages - 1) * PAGE_SIZE, PAGE_SIZE],
    );
    const [row] = rows;
    if (!row) throw new Error('Too few products for a second page; seed more (--products)');
    return { cursor: encodeCursor(['newest', row.key, row.id]), page: row.n / PAGE_SIZE + 1 };
  });
}

/** The machine's 1, 5 and 15 minute load averages: the bench shares its cores, so every number comes with them. */
function load(): string {
  return loadavg().map((value) => value.toFixed(2)).join(' ');
}

function table(rows: Measured[], ceiling: Measured | undefined): string {
  const vsCeiling = (row: Measured): string => (ceiling ? `${Math.round(ceilingRatio(row, ceiling) * 100)}%` : '-');
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'vs ceiling', 'non-2xx', 'errors'];
  const lines = rows.map((row) => [
    row.name,
    String(row.requestsPerSecond),
    String(row.p50),
    String(row.p99),
    String(row.max),
    vsCeiling(row),
    String(row.non2xx),
    String(row.errors),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)));
  const format = (cells: string[]): string => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...lines.map(format)].join('\n');
}

interface Target {
  target: string;
  met: boolean;
  actual: string;
}

/** The typo searches of issue 18: one or two letters off, in one word or the second of two. */
const TYPO_SEARCHES = ['batk', 'sasirangn', 'kopii', 'keripik tempee'];

/** A result's req/s over the ceiling's: the median of the paired rounds' ratios, else the two results' ratio. */
function ceilingRatio(row: Measured, ceiling: Measured): number {
  const paired = row.rounds && ceiling.rounds && row.rounds.length === ceiling.rounds.length ? row.rounds.map((round, i) => round.requestsPerSecond / (ceiling.rounds?.[i]?.requestsPerSecond ?? Number.NaN)) : [];
  return paired.length > 0 ? median(paired) : row.requestsPerSecond / ceiling.requestsPerSecond;
}

function targets(byName: Map<string, Measured>, deepPage: number): Target[] {
  const ran = (...names: string[]): boolean => names.every((name) => byName.has(name));
  const get = (name: string): Measured => {
    const found = byName.get(name);
    if (!found) throw new Error(`No result for ${name}`);
    return found;
  };
  const clean = (...rows: Measured[]): string => {
    const failed = rows.reduce((sum, row) => sum + row.non2xx + row.errors, 0);
    return failed > 0 ? `, ${failed} failed requests` : '';
  };
  const reportNames = ['report: year by month', 'report: year by facility,product', 'report: year by region,program,category'];
  const typoNames = TYPO_SEARCHES.map((q) => `typo search q=${q}`);
  const checked: Target[] = [];
  // Issue 18: the catalog at national scale.
  if (ran(LIST_PAGE_1, CEILING)) {
    const page1 = get(LIST_PAGE_1);
    const ratio = ceilingRatio(page1, get(CEILING));
    const rounds = page1.rounds ? ` (median of ${page1.rounds.length} paired rounds)` : '';
    checked.push(
      { target: 'list page 1 >= 80% of ceiling req/s', met: ratio >= 0.8 && clean(page1) === '', actual: `${Math.round(ratio * 100)}%${rounds}${clean(page1)}` },
      { target: 'list page 1 p99 < 50 ms', met: page1.p99 < 50, actual: `${page1.p99} ms${rounds}` },
    );
  }
  if (ran(LIST_PAGE_1, 'list deep page')) {
    const deep = get('list deep page');
    const deepRatio = deep.requestsPerSecond / get(LIST_PAGE_1).requestsPerSecond;
    checked.push({ target: `deep page (page ${deepPage} by cursor) within 10% of page 1 req/s`, met: deepRatio >= 0.9 && clean(deep) === '', actual: `${Math.round(deepRatio * 100)}%, p99 ${deep.p99} ms${clean(deep)}` });
  }
  if (ran(...typoNames)) {
    const rows = typoNames.map(get);
    const slowest = rows.reduce((worst, row) => (row.p99 > worst.p99 ? row : worst));
    checked.push({ target: `typo search (${TYPO_SEARCHES.join(', ')}) p99 < 80 ms`, met: slowest.p99 < 80 && clean(...rows) === '', actual: `${slowest.p99} ms (${slowest.name})${clean(...rows)}` });
  }
  if (ran('search q=batik')) {
    const search = get('search q=batik');
    checked.push({ target: 'plain search p99 < 50 ms', met: search.p99 < 50 && clean(search) === '', actual: `${search.p99} ms${clean(search)}` });
  }
  if (ran('product page (showcase)')) {
    const page = get('product page (showcase)');
    checked.push({ target: 'showcase product page p99 < 50 ms', met: page.p99 < 50 && clean(page) === '', actual: `${page.p99} ms${clean(page)}` });
  }
  // Earlier issues' targets, still watched.
  if (ran(...reportNames)) {
    const slowestReport = Math.max(...reportNames.map((name) => get(name).p99));
    checked.push({ target: 'reports over the year of order lines p99 < 1000 ms', met: slowestReport < 1000, actual: `${slowestReport} ms` });
  }
  if (ran('impact (public)', LIST_PAGE_1)) {
    const [impact, page1] = [get('impact (public)'), get(LIST_PAGE_1)];
    checked.push({ target: 'impact at least as fast as list page 1', met: impact.requestsPerSecond >= page1.requestsPerSecond, actual: `${impact.requestsPerSecond} vs ${page1.requestsPerSecond} req/s` });
  }
  return checked;
}

/**
 * Typo searches the app has not seen: each a vocabulary word with a letter dropped, asked once,
 * one at a time, so every one is scored in PostgreSQL (the typo scenarios above repeat four
 * searches and read kept scores after the first request). What a rare misspelling costs.
 */
async function coldTypoSearches(url: string, baseUrl: string, count: number): Promise<{ searches: number; p50: number; p99: number; max: number }> {
  const words = await withClient(url, async (client) =>
    (
      await client.query<{ typo: string }>(
        `SELECT DISTINCT overlay(word placing '' from length(word) / 2 + 1 for 1) AS typo
           FROM search_word WHERE word ~ '^[a-z]{5,12}$'
          ORDER BY 1 LIMIT $1`,
        [count],
      )
    ).rows.map((row) => row.typo),
  );
  const times: number[] = [];
  for (const word of words) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/v1/products?q=${encodeURIComponent(word)}`);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`Typo search ${word} answered ${response.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (share: number): number => Math.round(times[Math.min(times.length - 1, Math.floor(share * times.length))] ?? 0);
  return { searches: times.length, p50: at(0.5), p99: at(0.99), max: at(1) };
}

/** A superadmin in the bench database, signed in through the API. */
async function superadminBearer(url: string, baseUrl: string): Promise<string> {
  const password = randomBytes(18).toString('base64url');
  const hash = await new PasswordHasher().hash(password);
  await withClient(url, (client) =>
    client.query(`INSERT INTO app_user (email, name, role, password_hash, active) VALUES ('bench@etalase.test', 'Bench', 'SUPERADMIN', $1, true)`, [hash]),
  );
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@etalase.test', password }) });
  if (!response.ok) throw new Error(`Bench login answered ${response.status}`);
  return `Bearer ${((await response.json()) as { accessToken: string }).accessToken}`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (message: string): void => void process.stdout.write(`${message}\n`);
  const started = Date.now();
  const server = await startScratchServer(process.env.DATABASE_URL);
  const database = uniqueDatabaseName('etalase_bench');
  await adminQuery(server.url, `CREATE DATABASE ${database}`);
  const url = withDatabase(server.url, database);
  const closers: (() => Promise<void>)[] = [];
  try {
    await migrateDatabase(url);
    const seedStarted = Date.now();
    const seed: SeedSummary = await withClient(url, (client) => seedCatalog(client, options.products));
    log(`Seeded ${seed.products} products (${seed.publicProducts} public, ${seed.images} photos) at ${seed.facilities} facilities in ${Date.now() - seedStarted} ms`);
    if (options.soak > 0) {
      await soak(url, options, log, started, seed);
      return;
    }

    const app = await startApp(url, options);
    closers.push(() => app.close());
    const page1Sql = listProductsQuery({}, undefined, 'newest', undefined, PAGE_SIZE + 1);
    const poolSize = 10; // the app's default DB_POOL_SIZE
    const ceiling = await startCeiling(url, page1Sql, poolSize, PAGE_SIZE);
    closers.push(() => ceiling.close());

    const deep = await deepCursor(url, options.deepPages);
    const [detail] = await withClient(url, async (client) =>
      (
        await client.query<{ slug: string }>(
          `SELECT p.slug FROM product p JOIN facility f ON f.id = p.facility_id
            WHERE p.status = 'PUBLISHED' AND p.deleted_at IS NULL AND f.active AND p.kind = 'FOOD' AND p.food_permit_valid_until >= current_date
              AND p.maker_consent_id IS NOT NULL AND EXISTS (SELECT 1 FROM product_image i WHERE i.product_id = p.id)
            ORDER BY p.slug LIMIT 1`,
        )
      ).rows,
    );
    if (!detail) throw new Error('No product to show in detail');
    const filterIds = await withClient(url, async (client) => ({
      categoryIds: (
        await client.query<{ id: string }>(
          "SELECT c.id FROM category c LEFT JOIN category parent ON parent.id = c.parent_id WHERE c.slug = 'fesyen-batik' OR parent.slug = 'fesyen-batik'",
        )
      ).rows.map((row) => row.id),
    }));
    const wanted = (name: string): boolean => options.only === undefined || options.only.some((text) => name.includes(text));
    const scenarios: Scenario[] = [
      // These three are measured in paired rounds (below) when the first two run.
      { name: LIST_PAGE_1, path: '/api/v1/products', sql: page1Sql },
      { name: CEILING, path: '/', sql: page1Sql, ceiling: true },
      // What the request limiter costs (it counts in memory and sends the counts every 200 ms).
      { name: LIST_PAGE_1_UNLIMITED, path: '/api/v1/products', unlimited: true },
      { name: 'list deep page', path: `/api/v1/products?cursor=${deep.cursor}`, sql: listProductsQuery({}, undefined, 'newest', readCursor(deep.cursor, ['newest']).keyset, PAGE_SIZE + 1) },
      { name: 'search q=batik', path: '/api/v1/products?q=batik', sql: listProductsQuery({}, { terms: searchTerms('batik'), mode: 'words' }, 'relevance', undefined, PAGE_SIZE + 1) },
      {
        name: 'filter region+category',
        path: '/api/v1/products?region=63&category=fesyen-batik',
        sql: listProductsQuery({ region: { provinceCode: '63' }, categoryIds: filterIds.categoryIds }, undefined, 'newest', undefined, PAGE_SIZE + 1),
      },
      // Each first looks for the words themselves (none match), then for near misses.
      ...TYPO_SEARCHES.map((q) => ({
        name: `typo search q=${q}`,
        path: `/api/v1/products?q=${encodeURIComponent(q)}`,
        sql: listProductsQuery({}, { terms: searchTerms(q), mode: 'typos' }, 'relevance', undefined, PAGE_SIZE + 1),
      })),
      { name: 'product detail', path: `/api/v1/products/${detail.slug}`, sql: productBySlugQuery(detail.slug) },
      // The showcase's pages (HTML, issue 15): the same reads plus rendering; the product page adds similar products.
      { name: 'product page (showcase)', path: `/produk/${detail.slug}` },
      { name: 'home page (showcase)', path: '/' },
    ];
    // Last: every request creates an order (its own transaction, row lock, history, outbox).
    // One hot product serialises on its row lock; 200 products is the usual shop. Their setup
    // (stock, and a year of paid order lines for reports and impact) only when they run.
    if (wanted('checkout, one hot product')) scenarios.push({ name: 'checkout, one hot product', path: '/api/v1/orders', post: await checkoutBodies(url, 1) });
    if (wanted('checkout, 200 products')) scenarios.push({ name: 'checkout, 200 products', path: '/api/v1/orders', post: await checkoutBodies(url, 200) });
    const reportNames = ['impact (public)', 'report: year by month', 'report: year by facility,product', 'report: year by region,program,category'];
    if (reportNames.some(wanted)) {
      // Reports and impact over a year of paid order lines (the orders above come on top).
      const reportSeedStarted = Date.now();
      const paidLines = await withClient(url, (client) => seedPaidOrderLines(client, options.reportLines));
      log(`Seeded ${paidLines.lines} paid order lines (${paidLines.orders} orders, ${paidLines.refunds} refunded lines) in ${Date.now() - reportSeedStarted} ms`);
      const bearer = await superadminBearer(url, app.baseUrl);
      const year = { from: new Date(Date.now() - 366 * 86_400_000).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) };
      const reportPath = (groupBy: string): string => `/api/v1/admin/reports/sales?from=${year.from}&to=${year.to}&groupBy=${groupBy}`;
      scenarios.push(
        { name: 'impact (public)', path: '/api/v1/impact' },
        { name: 'report: year by month', path: reportPath('month'), headers: { authorization: bearer }, connections: 2 },
        { name: 'report: year by facility,product', path: reportPath('facility,product'), headers: { authorization: bearer }, connections: 2 },
        { name: 'report: year by region,program,category', path: reportPath('region,program,category'), headers: { authorization: bearer }, connections: 2 },
      );
    }

    log(`Load: ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s per scenario, on ${cpus().length} CPUs; load average ${load()}`);
    log(`Deep page: page ${deep.page} of the newest-first list, by cursor\n`);
    let unlimited: Promise<BenchApp> | undefined;
    const unlimitedApp = (): Promise<BenchApp> => {
      if (!unlimited) {
        unlimited = startApp(url, options, { RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0' });
        closers.push(async () => (await unlimited)?.close());
      }
      return unlimited;
    };
    const results: Measured[] = [];
    const baseUrlOf = async (scenario: Scenario): Promise<string> => (scenario.ceiling ? ceiling.baseUrl : scenario.unlimited ? (await unlimitedApp()).baseUrl : app.baseUrl);
    const run = async (scenario: Scenario, label = scenario.name): Promise<Measured> => {
      const before = load();
      const result = await measure(await baseUrlOf(scenario), scenario, options);
      log(`  ${label}: ${result.requestsPerSecond} req/s, p99 ${result.p99} ms (load average before ${before}, after ${load()})`);
      if (result.non2xx > 0 || result.errors > 0) log(`  !! ${result.non2xx} non-2xx answers and ${result.errors} errors`);
      return result;
    };
    if (options.warmPass > 0) {
      // Checkouts are left out: they would spend the stock and orders their own measurement counts on.
      const warmed = scenarios.filter((s) => wanted(s.name) && !s.post);
      for (const scenario of warmed) await measure(await baseUrlOf(scenario), scenario, { ...options, warmup: 0, duration: options.warmPass });
      log(`Warm pass: ${options.warmPass} s of unmeasured load on each of ${warmed.length} scenarios (load average ${load()})\n`);
    }
    const pair = scenarios.filter((s) => PAIRED.includes(s.name) && wanted(s.name));
    const paired = wanted(LIST_PAGE_1) && wanted(CEILING);
    if (paired) {
      const rounds = new Map<string, Measured[]>(pair.map((s) => [s.name, []]));
      for (let round = 0; round < options.pairRounds; round += 1) {
        // The first of the two alternates, so neither always meets the machine fresher.
        for (const scenario of round % 2 === 0 ? pair : [...pair].reverse()) {
          rounds.get(scenario.name)?.push(await run(scenario, `${scenario.name}, round ${round + 1}`));
        }
      }
      for (const scenario of pair) results.push(combineRounds(rounds.get(scenario.name) ?? []));
    }
    for (const scenario of scenarios.filter((s) => wanted(s.name) && !(paired && pair.includes(s)))) results.push(await run(scenario));
    let coldTypos: Awaited<ReturnType<typeof coldTypoSearches>> | undefined;
    if (wanted('typo search')) {
      coldTypos = await coldTypoSearches(url, app.baseUrl, 300);
      log(`  typo searches asked once each, one client: ${coldTypos.searches} searches, p50 ${coldTypos.p50} ms, p99 ${coldTypos.p99} ms, max ${coldTypos.max} ms`);
    }
    const byName = new Map(results.map((result) => [result.name, result]));
    const ceilingResult = byName.get(CEILING);
    log(`\n${table(results, ceilingResult)}\n`);
    const checked = targets(byName, deep.page);
    log(`Load average at the end: ${load()} (${cpus().length} CPUs)`);
    for (const target of checked) log(`${target.met ? 'PASS' : 'FAIL'}  ${target.target}: ${target.actual}`);

    const plans: Record<string, string> = {};
    for (const scenario of scenarios.filter((s) => !s.ceiling)) {
      if (scenario.sql && (options.explain || wanted(scenario.name))) plans[scenario.name] = await explain(url, scenario.sql);
    }
    if (options.explain) for (const [name, plan] of Object.entries(plans)) log(`\n--- EXPLAIN ANALYZE: ${name}\n${plan}`);

    const directory = resolve(process.cwd(), 'bench-results');
    await mkdir(directory, { recursive: true });
    const file = join(directory, `catalog-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await writeFile(
      file,
      JSON.stringify({ startedAt: new Date(started).toISOString(), node: process.version, cpus: cpus().length, loadAverage: loadavg(), options, seed, deepPage: deep.page, results, coldTypos, targets: checked, plans }, null, 2),
    );
    log(`\nResults: ${file} (${Math.round((Date.now() - started) / 1000)} s in all)`);
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await adminQuery(server.url, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await server.stop();
  }
}

async function soak(url: string, options: Options, log: (message: string) => void, started: number, seed: SeedSummary): Promise<void> {
  const directory = resolve(process.cwd(), 'bench-results');
  await mkdir(directory, { recursive: true });
  const report: SoakReport = await runSoak(
    url,
    { seconds: options.soak, sampleSeconds: options.sampleSeconds, connections: options.connections, logLevel: options.logLevel, jobsWorkers: options.jobsWorkers, heapSnapshots: options.heapSnapshots, directory },
    log,
  );
  const line = (label: string, t: SoakReport['rss']): string =>
    `${label.padEnd(10)} start ${t.startMb} MB, plateau ${t.plateauMb} MB, end ${t.endMb} MB, max ${t.maxMb} MB, second-half slope ${t.slopeMbPerMinute} MB/min`;
  log(`\n${report.requests} requests (${report.requestsPerSecond} req/s, p99 ${report.p99} ms, ${report.non2xx} non-2xx, ${report.errors} errors)`);
  log(`idle      RSS ${report.idle.rssMb} MB, heap ${report.idle.heapUsedMb} MB`);
  log(line('RSS', report.rss));
  log(line('heap used', report.heapUsed));
  log(line('heap total', report.heapTotal));
  log(line('native', report.native));
  log(line('retained', report.retainedHeap));
  log(`after GC  RSS ${report.afterGc.rssMb} MB, heap ${report.afterGc.heapUsedMb} of ${report.afterGc.heapTotalMb} MB, external ${report.afterGc.externalMb} MB`);
  log(`${report.retainedFlat ? 'FLAT   ' : 'GROWING'}  retained heap (after a full GC): JS objects kept alive`);
  log(`${report.nativeFlat ? 'FLAT   ' : 'GROWING'}  native memory (RSS less heap total); RSS otherwise follows heap total, which V8 sizes to the load`);
  for (const kind of report.heapGrowth ?? []) log(`  ${kind.name}: ${kind.countBefore} -> ${kind.countAfter} objects, ${kind.kbBefore} -> ${kind.kbAfter} KB`);
  const file = join(directory, `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify({ startedAt: new Date(started).toISOString(), node: process.version, cpus: cpus().length, options, seed, soak: report }, null, 2));
  log(`\nResults: ${file} (${Math.round((Date.now() - started) / 1000)} s in all)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
