import 'reflect-metadata';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../src/app.factory.js';
import { AppConfig } from '../../src/config/app-config.js';
import { parseEnvironment } from '../../src/config/environment.js';
import { benchEnvironment } from './bench-env.js';
import { withDatabase } from '../../src/database/database-url.js';
import { findFreePort } from '../../src/database/free-port.js';
import { migrateDatabase } from '../../src/database/migrate.js';
import { adminQuery, startScratchServer, uniqueDatabaseName } from '../../src/database/scratch-database.js';

/**
 * `npm run bench:hostile`: what one anonymous client can make the server spend. Starts the real app
 * (production settings, in a child process, so the measuring client never shares its event loop),
 * sends each hostile request alone and reports the server's time (a Server-Timing header stamped
 * when the response head is written) and the size of the answer; then fires them from 10 parallel
 * clients while probing /health/ready, and reports the probe's p50/p99/max. Not part of `npm test`.
 *
 *   npm run bench:hostile -- --parallel 10 --duration 10 --repeat 5
 *
 * DATABASE_URL, when set, names the server to use (a scratch database is made and dropped there);
 * otherwise an embedded PostgreSQL is started in a temp folder.
 */

interface Options {
  parallel: number;
  duration: number;
  repeat: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { parallel: 10, duration: 10, repeat: 5 };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = (argv[i] ?? '').split('=', 2) as [string, string | undefined];
    const text = inline ?? argv[(i += 1)] ?? '';
    if (!/^\d+$/.test(text)) throw new Error(`${flag} needs a whole number, not ${text || 'nothing'}`);
    const value = Number(text);
    switch (flag) {
      case '--parallel': options.parallel = value; break;
      case '--duration': options.duration = value; break;
      case '--repeat': options.repeat = value; break;
      default: throw new Error(`Unknown option ${flag}; see the top of test/bench/hostile.bench.ts`);
    }
  }
  return options;
}

/** What the targets in issue 12 ask of every hostile request. */
const MAX_SERVER_MS = 50;
const MAX_BODY_BYTES = 16 * 1024;
const MAX_READY_MS = 100;
const PROBE_INTERVAL_MS = 25;

interface Hostile {
  name: string;
  /** Not hostile: what the cheapest request costs, to read the others against. */
  reference?: boolean;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

const wideObject = (count: number, base: Record<string, unknown> = {}): string => {
  const extra = Array.from({ length: count }, (_, i) => `"k${i}":0`).join(',');
  const head = JSON.stringify(base).slice(0, -1);
  return `${head}${head.length > 1 ? ',' : ''}${extra}}`;
};

const customer = { name: 'Pembeli Uji', email: 'bench@example.test', phone: '+62 811 0000 0000' };
const delivery = {
  method: 'SHIPPING',
  address: { recipient: 'Pembeli Uji', phone: '+62 811 0000 0000', line1: 'Jl. Uji 1', city: 'Banjarmasin', province: 'Kalimantan Selatan', postalCode: '70111' },
};

/** Each fits the old 1mb body limit, so each reached validation before this issue was fixed. */
function hostileRequests(): Hostile[] {
  const login = { email: 'bench@example.test', password: 'x' };
  return [
    { name: 'reference: GET /health/live', method: 'GET', path: '/health/live', reference: true },
    { name: 'login, 75,000 unknown keys', method: 'POST', path: '/api/v1/auth/login', body: wideObject(75_000, login) },
    {
      name: 'checkout, 25,000 invalid lines',
      method: 'POST',
      path: '/api/v1/orders',
      body: JSON.stringify({ items: Array.from({ length: 25_000 }, () => ({ productId: 'x', quantity: 0 })), customer, delivery }),
    },
    {
      name: 'checkout, 14,000 well-formed lines',
      method: 'POST',
      path: '/api/v1/orders',
      body: JSON.stringify({ items: Array.from({ length: 14_000 }, () => ({ productId: randomUUID(), quantity: 1 })), customer, delivery }),
    },
    {
      name: 'checkout, 5,000 lines x 4 unknown keys',
      method: 'POST',
      path: '/api/v1/orders',
      body: JSON.stringify({ items: Array.from({ length: 5_000 }, () => ({ productId: 'x', quantity: 1, a: 0, b: 0, c: 0, d: 0 })), customer, delivery }),
    },
    { name: 'customer with 60,000 unknown keys', method: 'POST', path: '/api/v1/orders', body: `{"items":[],"customer":${wideObject(60_000, customer)}}` },
    { name: 'login, 900 KB email', method: 'POST', path: '/api/v1/auth/login', body: JSON.stringify({ email: `${'a'.repeat(900_000)}@example.test`, password: 'x' }) },
    { name: 'products, 1,000 query parameters', method: 'GET', path: `/api/v1/products?${Array.from({ length: 1000 }, (_, i) => `p${i}=${i}`).join('&')}` },
    { name: 'story (anonymous), 75,000 unknown keys', method: 'POST', path: '/api/v1/admin/stories', body: wideObject(75_000, { title: 'x', markdown: 'x' }) },
    // Under a 64 KB body limit too:
    { name: 'login, 5,000 unknown keys (45 KB)', method: 'POST', path: '/api/v1/auth/login', body: wideObject(5_000, login) },
    {
      name: 'checkout, 1,900 invalid lines (60 KB)',
      method: 'POST',
      path: '/api/v1/orders',
      body: JSON.stringify({ items: Array.from({ length: 1_900 }, () => ({ productId: 'x', quantity: 0 })), customer, delivery }),
    },
    {
      name: 'checkout, 50 lines x 60 unknown keys (60 KB)',
      method: 'POST',
      path: '/api/v1/orders',
      body: JSON.stringify({ items: Array.from({ length: 50 }, () => Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, i]))), customer, delivery }),
    },
    { name: 'login, one 60 KB field name', method: 'POST', path: '/api/v1/auth/login', body: JSON.stringify({ ...login, ['k'.repeat(60_000)]: 0 }) },
    { name: 'unknown path of 12 KB', method: 'GET', path: `/api/v1/${'x'.repeat(12_000)}` },
  ];
}

interface Answer {
  status: number;
  bytes: number;
  clientMs: number;
  serverMs: number;
}

async function send(baseUrl: string, hostile: Hostile): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}${hostile.path}`, {
    method: hostile.method,
    headers: hostile.body === undefined ? {} : { 'content-type': 'application/json' },
    body: hostile.body,
  });
  const bytes = (await response.arrayBuffer()).byteLength;
  const clientMs = performance.now() - started;
  const timing = /dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '');
  return { status: response.status, bytes, clientMs, serverMs: timing ? Number(timing[1]) : Number.NaN };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const ms = (value: number): string => (Number.isNaN(value) ? '-' : value.toFixed(1));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (cells: string[]): string => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(format)].join('\n');
}

/** The app in its child process; CPU time is what a request really costs on a machine shared with others. */
interface AppProcess {
  baseUrl: string;
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

interface Alone {
  name: string;
  reference: boolean;
  status: number;
  bytes: number;
  requestBytes: number;
  cpuMsPerRequest: number;
  serverMsMedian: number;
  serverMsMax: number;
  clientMsMax: number;
}

async function measureAlone(app: AppProcess, hostile: Hostile, repeat: number): Promise<Alone> {
  const answers: Answer[] = [];
  const cpuBefore = await app.cpuMs();
  for (let i = 0; i < repeat; i += 1) answers.push(await send(app.baseUrl, hostile));
  const cpuMsPerRequest = ((await app.cpuMs()) - cpuBefore) / repeat;
  const server = answers.map((a) => a.serverMs).sort((a, b) => a - b);
  const last = answers[answers.length - 1];
  return {
    name: hostile.name,
    reference: hostile.reference === true,
    status: last.status,
    bytes: Math.max(...answers.map((a) => a.bytes)),
    requestBytes: Buffer.byteLength(hostile.body ?? hostile.path),
    cpuMsPerRequest,
    serverMsMedian: percentile(server, 50),
    serverMsMax: server[server.length - 1] ?? Number.NaN,
    clientMsMax: Math.max(...answers.map((a) => a.clientMs)),
  };
}

interface UnderLoad {
  hostileSent: number;
  /** The app's CPU time over the whole phase (probes included), per hostile request. */
  cpuMsPerRequest: number;
  /** 1-minute load average of the machine at the end of the phase (others' work included). */
  loadAverage: number;
  hostileServerMsMax: number;
  probes: number;
  p50: number;
  p99: number;
  max: number;
  failedProbes: number;
}

/** `parallel` clients cycle through the hostile requests for `duration` s while /health/ready is probed back to back. */
async function measureUnderLoad(app: AppProcess, hostiles: Hostile[], options: Options): Promise<UnderLoad> {
  const baseUrl = app.baseUrl;
  const cpuBefore = await app.cpuMs();
  const deadline = performance.now() + options.duration * 1000;
  let sent = 0;
  let slowest = 0;
  const attacker = async (offset: number): Promise<void> => {
    for (let i = offset; performance.now() < deadline; i += 1) {
      const answer = await send(baseUrl, hostiles[i % hostiles.length]);
      sent += 1;
      slowest = Math.max(slowest, answer.serverMs);
    }
  };
  const latencies: number[] = [];
  let failed = 0;
  const probe = async (): Promise<void> => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/health/ready`);
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    if (response.status !== 200) failed += 1;
  };
  // At a fixed rate, not one after another: a frozen server shows as many slow probes, not as one.
  const prober = async (): Promise<void> => {
    const probes: Promise<void>[] = [];
    while (performance.now() < deadline) {
      probes.push(probe());
      await new Promise((done) => setTimeout(done, PROBE_INTERVAL_MS));
    }
    await Promise.all(probes);
  };
  await Promise.all([...Array.from({ length: options.parallel }, (_, i) => attacker(i)), prober()]);
  const cpuMs = (await app.cpuMs()) - cpuBefore;
  latencies.sort((a, b) => a - b);
  return {
    hostileSent: sent,
    cpuMsPerRequest: cpuMs / Math.max(1, sent),
    loadAverage: loadavg()[0] ?? Number.NaN,
    hostileServerMsMax: slowest,
    probes: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    failedProbes: failed,
  };
}

async function idleReady(baseUrl: string): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < 50; i += 1) {
    const started = performance.now();
    await (await fetch(`${baseUrl}/health/ready`)).arrayBuffer();
    latencies.push(performance.now() - started);
  }
  return latencies.sort((a, b) => a - b);
}

/** The child: the real app with production settings, stamping each response with its own time. */
async function serve(url: string): Promise<void> {
  const { env, jwtSecret } = benchEnvironment(url);
  const config = new AppConfig(parseEnvironment(env), { jwtSecret });
  const app = await createApp(config, url);
  const server = app.getHttpServer();
  // First listener: the clock starts when the request head has arrived and stops when the app
  // writes the response head (the whole of an error answer is written at once right after).
  server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
    response.writeHead = ((...args: unknown[]) => {
      if (!response.headersSent) response.setHeader('Server-Timing', `app;dur=${(performance.now() - started).toFixed(2)}`);
      return writeHead(...args);
    });
  });
  const port = await findFreePort();
  await app.listen(port, '127.0.0.1');
  process.send?.({ port });
  process.on('message', (message: unknown) => {
    if (message === 'stop') void app.close().then(() => process.exit(0));
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpuMs: (user + system) / 1000 });
    }
  });
}

async function startServerProcess(url: string): Promise<AppProcess> {
  const child = fork(__filename, ['--serve', url], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((ready, fail) => {
    child.once('message', (message: unknown) => ready((message as { port: number }).port));
    child.once('exit', (code) => fail(new Error(`The app process exited with ${code}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    cpuMs: () =>
      new Promise<number>((answer) => {
        child.once('message', (message: unknown) => answer((message as { cpuMs: number }).cpuMs));
        child.send('cpu');
      }),
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.send('stop');
      }),
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (message: string): void => void process.stdout.write(`${message}\n`);
  const started = Date.now();
  const server = await startScratchServer(process.env.DATABASE_URL);
  const database = uniqueDatabaseName('etalase_hostile');
  await adminQuery(server.url, `CREATE DATABASE ${database}`);
  const url = withDatabase(server.url, database);
  let app: AppProcess | undefined;
  try {
    await migrateDatabase(url);
    app = await startServerProcess(url);
    const hostiles = hostileRequests();
    const idle = await idleReady(app.baseUrl);
    log(`Machine load average ${loadavg().map((n) => n.toFixed(2)).join(' ')} on ${cpus().length} CPUs`);
    log(`/health/ready idle: p50 ${ms(percentile(idle, 50))} ms, p99 ${ms(percentile(idle, 99))} ms, max ${ms(idle[idle.length - 1] ?? Number.NaN)} ms\n`);

    const alone: Alone[] = [];
    for (const hostile of hostiles) {
      const result = await measureAlone(app, hostile, options.repeat);
      alone.push(result);
      log(`  ${hostile.name}: ${result.status}, CPU ${ms(result.cpuMsPerRequest)} ms, server ${ms(result.serverMsMedian)} ms (max ${ms(result.serverMsMax)}), answer ${result.bytes} bytes`);
    }
    log(
      `\n${table(
        ['hostile request (alone)', 'request bytes', 'status', 'CPU ms', 'server ms p50', 'server ms max', 'client ms max', 'answer bytes'],
        alone.map((a) => [a.name, String(a.requestBytes), String(a.status), ms(a.cpuMsPerRequest), ms(a.serverMsMedian), ms(a.serverMsMax), ms(a.clientMsMax), String(a.bytes)]),
      )}\n`,
    );

    log(`${options.parallel} parallel hostile clients for ${options.duration} s, /health/ready probed meanwhile...`);
    const load = await measureUnderLoad(app, hostiles.filter((h) => h.reference !== true), options);
    log(
      `  hostile requests answered: ${load.hostileSent} (slowest ${ms(load.hostileServerMsMax)} ms server time; app CPU ${ms(load.cpuMsPerRequest)} ms per request)\n` +
        `  machine load average at the end: ${load.loadAverage.toFixed(2)} on ${cpus().length} CPUs (other work on the machine delays every answer)\n` +
        `  /health/ready: ${load.probes} probes, p50 ${ms(load.p50)} ms, p99 ${ms(load.p99)} ms, max ${ms(load.max)} ms, ${load.failedProbes} not 200\n`,
    );

    // The same load made of the cheapest request there is: what any 10 busy clients cost on this machine.
    const reference = hostiles.filter((h) => h.reference === true);
    log(`For comparison, ${options.parallel} parallel clients sending ${reference.map((h) => h.name.replace('reference: ', '')).join(', ')} for ${options.duration} s...`);
    const referenceLoad = await measureUnderLoad(app, reference, options);
    log(
      `  requests answered: ${referenceLoad.hostileSent} (app CPU ${ms(referenceLoad.cpuMsPerRequest)} ms per request); load average ${referenceLoad.loadAverage.toFixed(2)}\n` +
        `  /health/ready: ${referenceLoad.probes} probes, p50 ${ms(referenceLoad.p50)} ms, p99 ${ms(referenceLoad.p99)} ms, max ${ms(referenceLoad.max)} ms\n`,
    );

    const checks = [
      ...alone.filter((a) => !a.reference).map((a) => ({ target: `${a.name}: refused (4xx) in < ${MAX_SERVER_MS} ms with < ${MAX_BODY_BYTES} bytes`, met: a.status >= 400 && a.status < 500 && a.serverMsMax < MAX_SERVER_MS && a.bytes < MAX_BODY_BYTES, actual: `${a.status}, ${ms(a.serverMsMax)} ms, ${a.bytes} bytes` })),
      { target: `/health/ready under ${options.parallel} parallel hostile clients: max < ${MAX_READY_MS} ms`, met: load.max < MAX_READY_MS && load.failedProbes === 0, actual: `p99 ${ms(load.p99)} ms, max ${ms(load.max)} ms` },
    ];
    for (const check of checks) log(`${check.met ? 'PASS' : 'FAIL'}  ${check.target}: ${check.actual}`);

    const directory = resolve(process.cwd(), 'bench-results');
    await mkdir(directory, { recursive: true });
    const file = join(directory, `hostile-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await writeFile(file, JSON.stringify({ startedAt: new Date(started).toISOString(), node: process.version, cpus: cpus().length, options, idleReady: idle, alone, underLoad: load, referenceLoad, checks }, null, 2));
    log(`\nResults: ${file} (${Math.round((Date.now() - started) / 1000)} s in all)`);
  } finally {
    await app?.stop().catch(() => undefined);
    await adminQuery(server.url, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await server.stop();
  }
}

const serveIndex = process.argv.indexOf('--serve');
const run = serveIndex >= 0 ? serve(process.argv[serveIndex + 1] ?? '') : main().then(() => process.exit(0));
run.catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
