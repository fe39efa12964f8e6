import autocannon from 'autocannon';
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PasswordHasher } from '../../src/auth/password-hasher.js';
import { benchEnvironment } from './bench-env.js';
import { findFreePort } from '../../src/database/free-port.js';
import { summariseHeapGrowth, HeapGrowth } from './heap-diff.js';
import type { SoakReply, SoakRequest } from './soak-app.js';

export interface SoakOptions {
  seconds: number;
  /** Seconds between memory samples. */
  sampleSeconds: number;
  connections: number;
  logLevel: string;
  jobsWorkers: boolean;
  /** Write a heap snapshot after the first sample and at the end, and compare them. */
  heapSnapshots: boolean;
  /** Where snapshots go. */
  directory: string;
}

export interface MemorySample {
  /** Seconds since the load started. */
  second: number;
  rssMb: number;
  heapUsedMb: number;
  /** What V8 has reserved for its heap: RSS that follows this is heap sizing, not native memory. */
  heapTotalMb: number;
  externalMb: number;
}

export interface Trend {
  startMb: number;
  /** Median of the second half of the run. */
  plateauMb: number;
  endMb: number;
  maxMb: number;
  /** Least-squares slope over the second half, MB per minute. */
  slopeMbPerMinute: number;
}

export interface SoakReport {
  seconds: number;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p99: number;
  non2xx: number;
  errors: number;
  idle: MemorySample;
  samples: MemorySample[];
  /** Once a minute, after a forced full collection: the heap the app really retains (no GC sawtooth). */
  retained: MemorySample[];
  rss: Trend;
  heapUsed: Trend;
  heapTotal: Trend;
  /** RSS less heap total: native memory (buffers, malloc, code) that V8's heap sizing does not explain. */
  native: Trend;
  retainedHeap: Trend;
  /** After a forced full collection at the end: what the app really retains. */
  afterGc: MemorySample;
  /**
   * Over the second half (see `isFlat`). RSS is V8's heap reservation (which its GC sizes to the
   * allocation rate, up to its limit) plus native memory; a leak shows as a growing retained heap
   * (JS objects) or growing native memory, not as RSS following heap total.
   */
  retainedFlat: boolean;
  nativeFlat: boolean;
  flat: boolean;
  heapGrowth?: HeapGrowth[];
}

const MB = 1024 * 1024;

/**
 * Mixed traffic for `seconds` against the app in a child process, sampling its memory (every
 * `sampleSeconds` as it is, and once a minute after a forced full GC): public
 * list pages (filters, sorts, deep cursors), searches (words and typos), product pages, checkouts
 * and admin reads, in a fixed shuffled order every connection cycles through. Many distinct texts
 * on purpose: per-text caches (prepared statements, ETags) are where a slow leak would hide.
 */
export async function runSoak(url: string, options: SoakOptions, log: (message: string) => void): Promise<SoakReport> {
  const uploadsDir = await mkdtemp(join(tmpdir(), 'etalase-soak-uploads-'));
  const port = await findFreePort();
  const { env } = benchEnvironment(url, {
    LOG_LEVEL: options.logLevel,
    JOBS_WORKERS: String(options.jobsWorkers),
    PORT: String(port),
    UPLOADS_DIR: uploadsDir,
  });
  const child = fork(join(__dirname, 'soak-app.js'), [JSON.stringify(env)], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    await nextReply(child, 'ready');
    const baseUrl = `http://127.0.0.1:${port}`;
    const bearer = await superadmin(url, baseUrl);
    const requests = await mixedRequests(url, baseUrl, bearer);
    const idle = sample(0, await memory(child));
    log(`Soak: ${options.seconds} s, ${options.connections} connections, ${requests.length} distinct requests; idle RSS ${idle.rssMb} MB, heap ${idle.heapUsedMb} MB`);

    const samples: MemorySample[] = [];
    const retained: MemorySample[] = [];
    const started = Date.now();
    // The first snapshot once the app is warm (a fifth of the run, at least 30 s in), so the
    // comparison shows what accumulates rather than what start-up and first requests build.
    const snapshotAt = Math.max(30, options.seconds / 5);
    let snapshotBefore: string | undefined;
    let sampling = Promise.resolve();
    const timer = setInterval(() => {
      sampling = sampling.then(async () => {
        const second = Math.round((Date.now() - started) / 1000);
        const minute = retained.length < Math.floor(second / 60);
        const taken = sample(second, await memory(child, minute));
        (minute ? retained : samples).push(taken);
        if (minute) log(`  ${taken.second} s: RSS ${taken.rssMb} MB, heap after GC ${taken.heapUsedMb} of ${taken.heapTotalMb} MB, external ${taken.externalMb} MB`);
        if (options.heapSnapshots && snapshotBefore === undefined && second >= snapshotAt) {
          snapshotBefore = await snapshot(child, join(options.directory, `soak-${started}-start.heapsnapshot`));
        }
      });
    }, options.sampleSeconds * 1000);
    const result = await autocannon({ url: baseUrl, connections: options.connections, duration: options.seconds, requests });
    clearInterval(timer);
    await sampling;
    const afterGc = sample(Math.round((Date.now() - started) / 1000), await memory(child, true));
    let heapGrowth: HeapGrowth[] | undefined;
    if (snapshotBefore) {
      const snapshotAfter = await snapshot(child, join(options.directory, `soak-${started}-end.heapsnapshot`));
      heapGrowth = await summariseHeapGrowth(snapshotBefore, snapshotAfter);
      log(`Heap snapshots: ${snapshotBefore}, ${snapshotAfter}`);
    }
    const rss = trend(samples.map((s) => [s.second, s.rssMb]));
    const heapUsed = trend(samples.map((s) => [s.second, s.heapUsedMb]));
    const heapTotal = trend(samples.map((s) => [s.second, s.heapTotalMb]));
    const native = trend(samples.map((s) => [s.second, round(s.rssMb - s.heapTotalMb)]));
    const retainedHeap = trend([...retained, afterGc].map((s) => [s.second, s.heapUsedMb]));
    return {
      seconds: options.seconds,
      connections: options.connections,
      requests: result.requests.total,
      requestsPerSecond: Math.round(result.requests.average),
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      idle,
      samples,
      retained,
      rss,
      heapUsed,
      heapTotal,
      native,
      retainedHeap,
      afterGc,
      retainedFlat: isFlat(retainedHeap),
      nativeFlat: isFlat(native),
      flat: isFlat(retainedHeap) && isFlat(native),
      heapGrowth,
    };
  } finally {
    child.disconnect();
    await new Promise((done) => (child.exitCode === null ? child.once('exit', done) : done(undefined)));
    await rm(uploadsDir, { recursive: true, force: true });
  }
}

/**
 * Flat: the trend of the second half, projected over ten more minutes, adds less than 5% (or
 * 5 MB, for small heaps) to the plateau. A leak of a few kilobytes per request fails this at
 * a few hundred requests per second.
 */
export function isFlat(t: Trend): boolean {
  return t.slopeMbPerMinute * 10 < Math.max(5, t.plateauMb * 0.05);
}

export function trend(points: [number, number][]): Trend {
  if (points.length === 0) return { startMb: 0, plateauMb: 0, endMb: 0, maxMb: 0, slopeMbPerMinute: 0 };
  const values = points.map(([, value]) => value);
  const half = points.slice(Math.floor(points.length / 2));
  const sorted = half.map(([, value]) => value).sort((a, b) => a - b);
  return {
    startMb: values[0] ?? 0,
    plateauMb: sorted[Math.floor(sorted.length / 2)] ?? 0,
    endMb: values[values.length - 1] ?? 0,
    maxMb: Math.max(...values),
    slopeMbPerMinute: round(slope(half) * 60, 2),
  };
}

function slope(points: [number, number][]): number {
  if (points.length < 2) return 0;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  const covariance = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return variance === 0 ? 0 : covariance / variance;
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function sample(second: number, usage: NodeJS.MemoryUsage): MemorySample {
  return { second, rssMb: round(usage.rss / MB), heapUsedMb: round(usage.heapUsed / MB), heapTotalMb: round(usage.heapTotal / MB), externalMb: round(usage.external / MB) };
}

export function nextReply<T extends SoakReply['type']>(child: ChildProcess, type: T): Promise<Extract<SoakReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: SoakReply): void => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as Extract<SoakReply, { type: T }>);
    };
    const onExit = (code: number | null): void => reject(new Error(`The soak app exited (${code}) before answering ${type}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export async function ask<T extends SoakReply['type']>(child: ChildProcess, request: SoakRequest, type: T): Promise<Extract<SoakReply, { type: T }>> {
  const reply = nextReply(child, type);
  child.send(request);
  return reply;
}

async function memory(child: ChildProcess, gc = false): Promise<NodeJS.MemoryUsage> {
  return (await ask(child, { type: 'memory', gc }, 'memory')).usage;
}

async function snapshot(child: ChildProcess, file: string): Promise<string> {
  return (await ask(child, { type: 'snapshot', file }, 'snapshot')).file;
}

async function superadmin(url: string, baseUrl: string): Promise<string> {
  const password = randomBytes(18).toString('base64url');
  const hash = await new PasswordHasher().hash(password);
  await query(url, `INSERT INTO app_user (email, name, role, password_hash, active) VALUES ('soak@etalase.test', 'Soak', 'SUPERADMIN', $1, true)`, [hash]);
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'soak@etalase.test', password }) });
  if (!response.ok) throw new Error(`Soak login answered ${response.status}`);
  return `Bearer ${((await response.json()) as { accessToken: string }).accessToken}`;
}

async function query<Row extends object>(url: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

type Request = autocannon.Request;

/** The mix, shuffled with a fixed seed so every run sends the same sequence. */
async function mixedRequests(url: string, baseUrl: string, bearer: string): Promise<Request[]> {
  const products = await query<{ id: string }>(
    url,
    `UPDATE product SET stock = 100000000
      WHERE id IN (SELECT p.id FROM product p JOIN facility f ON f.id = p.facility_id
                    WHERE p.status = 'PUBLISHED' AND p.deleted_at IS NULL AND p.kind = 'GOODS' AND f.active ORDER BY p.id LIMIT 40)
      RETURNING id`,
  );
  // Pages a client walks, and product pages it would open from them (120 of them).
  const cursors: string[] = [];
  const slugs: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 15; page += 1) {
    const response = await fetch(`${baseUrl}/api/v1/products${cursor ? `?cursor=${cursor}` : ''}`);
    const body = (await response.json()) as { data: { slug: string }[]; nextCursor: string | null };
    slugs.push(...body.data.slice(0, 8).map((product) => product.slug));
    cursor = body.nextCursor;
    if (cursor === null) break;
    cursors.push(cursor);
  }
  const get = (path: string, headers: Record<string, string> = {}): Request => ({ method: 'GET', path, headers });
  const words = ['batik', 'sasirangan', 'kopi', 'anyaman', 'rotan', 'madu', 'kain', 'tas', 'kursi', 'sabun', 'keripik', 'tenun'];
  const typos = ['batk', 'sasirngan', 'kopii', 'anyman', 'rottan', 'mdu'];
  const admin = { authorization: bearer };
  const requests: Request[] = [
    ...Array.from({ length: 20 }, () => get('/api/v1/products')),
    ...cursors.map((c) => get(`/api/v1/products?cursor=${c}`)),
    ...['newest', 'price_asc', 'price_desc', 'popular'].flatMap((sort) => ['63', '51', '33'].map((region) => get(`/api/v1/products?sort=${sort}&region=${region}`))),
    ...words.flatMap((word) => [get(`/api/v1/products?q=${word}`), get(`/api/v1/products?q=${word}&inStock=true`)]),
    ...typos.map((typo) => get(`/api/v1/products?q=${typo}`)),
    ...slugs.map((slug) => get(`/api/v1/products/${slug}`)),
    ...products.map(({ id }) => ({
      method: 'POST' as const,
      path: '/api/v1/orders',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        items: [{ productId: id, quantity: 1 }],
        customer: { name: 'Pembeli Soak', email: 'soak@example.test', phone: '+62 811 0000 0000' },
        delivery: {
          method: 'SHIPPING',
          address: { recipient: 'Pembeli Soak', phone: '+62 811 0000 0000', line1: 'Jl. Uji 1', city: 'Banjarmasin', province: 'Kalimantan Selatan', postalCode: '70111' },
        },
      }),
    })),
    ...Array.from({ length: 10 }, () => get('/api/v1/admin/products?limit=24', admin)),
    ...Array.from({ length: 10 }, () => get('/api/v1/admin/orders?limit=24', admin)),
    ...Array.from({ length: 5 }, () => get('/api/v1/admin/audit-events?limit=24', admin)),
    ...Array.from({ length: 5 }, () => get('/api/v1/impact')),
    ...Array.from({ length: 5 }, () => get('/api/v1/facilities?region=63')),
  ];
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  for (let i = requests.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const [a, b] = [requests[i], requests[j]];
    if (a && b) [requests[i], requests[j]] = [b, a];
  }
  return requests;
}
