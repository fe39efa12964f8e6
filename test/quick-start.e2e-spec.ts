import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort } from '../src/database/free-port';

/**
 * The README's quick start, for real: the compiled server (`npm start` runs `npm run build`
 * first, as `npm test` does) on a fresh embedded PostgreSQL, surviving kill -9 and restarts.
 */
const MAIN = resolve(__dirname, '..', 'dist', 'src', 'main.js');

interface Server {
  process: ChildProcess;
  port: number;
  output: () => string;
}

/** `detached`: in a process group of its own, like the job a terminal runs in the foreground. */
function startServer(dataDir: string, port: number, detached = false): Server {
  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, UPLOADS_DIR: join(dataDir, 'uploads'), PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached,
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { process: child, port, output: () => output };
}

async function waitUntilReady(server: Server, timeoutMs = 45_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (server.process.exitCode !== null) throw new Error(`Server exited (${server.process.exitCode}):\n${server.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/health/ready`);
      if (response.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Not ready after ${timeoutMs} ms:\n${server.output()}`);
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((r) => child.once('exit', (code) => r(code)));
}

/** Running, that is: a zombie waiting for init to reap it (the embedded server's parent is init) has stopped. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false; // gone since the signal test
  }
}

describe('quick start (compiled server, embedded PostgreSQL)', () => {
  let dataDir: string;
  const servers: Server[] = [];

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does it first)`);
    dataDir = await mkdtemp(join(tmpdir(), 'etalase-quickstart-'));
    await chmod(dataDir, 0o755);
  });

  afterAll(async () => {
    for (const server of servers) if (server.process.exitCode === null) server.process.kill('SIGKILL');
    const pid = Number.parseInt((await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0] ?? '', 10);
    if (Number.isInteger(pid) && isAlive(pid)) process.kill(pid, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts from nothing with demo data, recovers from kill -9, refuses a second live copy, and stops cleanly', async () => {
    const first = startServer(dataDir, await findFreePort());
    servers.push(first);
    const coldMs = await waitUntilReady(first);
    const regions = (await (await fetch(`http://127.0.0.1:${first.port}/api/v1/regions`)).json()) as { data: { provinces: unknown[] }[] };
    expect(regions.data).toHaveLength(33);
    const kalsel = (await (await fetch(`http://127.0.0.1:${first.port}/api/v1/facilities?region=63&limit=100`)).json()) as {
      data: { slug: string }[];
    };
    expect(kalsel.data.map((f) => f.slug)).toEqual(expect.arrayContaining(['lapas-banjarmasin', 'lpka-martapura']));
    const stories = (await (await fetch(`http://127.0.0.1:${first.port}/api/v1/stories?tag=panen`)).json()) as { data: { slug: string; facility: { slug: string } }[] };
    expect(stories.data.map((story) => story.facility.slug)).toEqual(['lapas-banjarmasin']);
    const harvest = (await (await fetch(`http://127.0.0.1:${first.port}/api/v1/stories/${stories.data[0]?.slug}`)).json()) as { html: string; products: unknown[] };
    expect(harvest.html).toContain('<h2>Kerja bersama</h2>');
    expect(harvest.products).toHaveLength(1);
    const login = await fetch(`http://127.0.0.1:${first.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'superadmin@etalase.test', password: 'etalase-demo' }),
    });
    expect(login.status).toBe(200);
    await demoImpactFollowsAnOrder(`http://127.0.0.1:${first.port}`, ((await login.json()) as { accessToken: string }).accessToken);

    // A second process on the same data directory must not take the first one's database down.
    const intruder = startServer(dataDir, await findFreePort());
    servers.push(intruder);
    expect(await exited(intruder.process)).toBe(1);
    expect(intruder.output()).toMatch(/Another Etalase process/);
    expect((await fetch(`http://127.0.0.1:${first.port}/health/ready`)).status).toBe(200);

    // kill -9 orphans the embedded PostgreSQL; the next start must clear it and come up.
    first.process.kill('SIGKILL');
    await exited(first.process);
    const second = startServer(dataDir, await findFreePort());
    servers.push(second);
    const warmMs = await waitUntilReady(second);
    const facilities = (await (await fetch(`http://127.0.0.1:${second.port}/api/v1/facilities?limit=100`)).json()) as { data: unknown[] };
    expect(facilities.data.length).toBeGreaterThanOrEqual(20); // seeded once, not twice

    const pgPid = Number.parseInt((await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '', 10);
    second.process.kill('SIGTERM');
    expect(await exited(second.process)).toBe(0);
    expect(isAlive(pgPid)).toBe(false);
    expect(second.output()).toMatch(/Shutting down/);
    process.stdout.write(`quick start: cold ${coldMs} ms to ready, warm after kill -9 ${warmMs} ms\n`);
  }, 120_000);

  // `nest start --watch` reloads by sending SIGTERM to every process under the server (tree-kill),
  // and Ctrl+C in a terminal sends SIGINT to every process of the foreground job. Neither may reach
  // the embedded PostgreSQL before the server has closed its connections: that was a page of
  // "terminating connection due to administrator command" and a crash on every reload.
  it.each([
    ['a dev watcher kills its process tree', (pid: number) => [...descendants(pid), pid].forEach((p) => process.kill(p, 'SIGTERM'))],
    ['Ctrl+C signals its process group', (pid: number) => process.kill(-pid, 'SIGINT')],
  ])('stops in order, without a warning or a stack, when %s', async (_how, stop) => {
    const server = startServer(dataDir, await findFreePort(), true);
    servers.push(server);
    await waitUntilReady(server);
    const before = server.output().length;
    stop(server.process.pid ?? 0);
    expect(await exited(server.process)).toBe(0);
    const shutdown = server.output().slice(before);
    expect(shutdown).toMatch(/"msg":"Stopped"/);
    const noise = shutdown
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .filter((line) => !line.startsWith('{') || (JSON.parse(line) as { level: number }).level >= 40);
    expect(noise).toEqual([]);
  }, 60_000);
});

/** Every process below `pid`, children before their parents' siblings (what tree-kill signals). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
  }
  const below = (p: number): number[] => (parents.get(p) ?? []).flatMap((child) => [child, ...below(child)]);
  return below(pid);
}

describe('production start-up guard (compiled server)', () => {
  it('refuses to start in production with demo seeding unless forced, naming the setting', async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does it first)`);
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', SEED_DEMO: 'true', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', JWT_SECRET: 'x'.repeat(40) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    expect(await exited(child)).toBe(1);
    expect(output).toMatch(/SEED_DEMO is refused with NODE_ENV=production.*SEED_DEMO_FORCE=true/);
  });
});

/** On the demo data: /impact moves when a demo order is paid, and back when it is refunded. */
async function demoImpactFollowsAnOrder(base: string, superadminToken: string): Promise<void> {
  const json = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const response = await fetch(`${base}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${superadminToken}`, ...init.headers } });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  const impact = (): Promise<{ itemsSold: number; revenue: number; premiPaid: number }> => json('/api/v1/impact');
  const [product] = (await json<{ data: { id: string; price: number; kind: string }[] }>('/api/v1/products?facility=lapas-banjarmasin&kind=GOODS&limit=1')).data;
  if (!product) throw new Error('The demo has no goods at Lapas Banjarmasin');
  const before = await impact();
  const order = await json<{ id: string }>('/api/v1/orders', {
    method: 'POST',
    body: JSON.stringify({
      items: [{ productId: product.id, quantity: 2 }],
      customer: { name: 'Pembeli Demo', email: 'demo@example.com', phone: '+62 811 1234 5678' },
      delivery: { method: 'SHIPPING', address: { recipient: 'Pembeli Demo', phone: '+62 811 1234 5678', line1: 'Jl. A. Yani Km 5', city: 'Banjarmasin', province: 'Kalimantan Selatan', postalCode: '70234' } },
    }),
  });
  await json(`/api/v1/admin/orders/${order.id}/confirm-payment`, { method: 'POST', body: '{}' });
  const paid = await impact();
  expect({ items: paid.itemsSold - before.itemsSold, revenue: paid.revenue - before.revenue }).toEqual({ items: 2, revenue: 2 * product.price });
  expect(paid.premiPaid).toBeGreaterThanOrEqual(before.premiPaid);
  await json(`/api/v1/admin/orders/${order.id}/refund`, { method: 'POST', body: JSON.stringify({ reason: 'Uji demo' }) });
  expect(await impact()).toMatchObject({ itemsSold: before.itemsSold, revenue: before.revenue, premiPaid: before.premiPaid });
}

