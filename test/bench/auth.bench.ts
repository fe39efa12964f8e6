import 'reflect-metadata';
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import pg from 'pg';
import { PasswordHasher } from '../../src/auth/password-hasher.js';
import { startBenchApp } from './bench-env.js';
import { withDatabase } from '../../src/database/database-url.js';
import { migrateDatabase } from '../../src/database/migrate.js';
import { adminQuery, startScratchServer, uniqueDatabaseName } from '../../src/database/scratch-database.js';

/**
 * `npm run bench:auth`: what authenticating a bearer token costs per request. autocannon against
 * `GET /auth/me` (nothing but the guard and a mapping) next to `GET /health/live` (no auth, no
 * database) as the framework's own ceiling. Not part of `npm test`.
 *
 *   npm run bench:auth -- --connections 20 --duration 10 --env AUTH_SESSION_CACHE_SECONDS=0
 *
 * `--env NAME=value` (repeatable) configures the app under test. DATABASE_URL, when set, names the
 * server to use; otherwise an embedded PostgreSQL is started in a temp folder.
 */

interface Options {
  connections: number;
  duration: number;
  warmup: number;
  env: Record<string, string>;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { connections: 20, duration: 10, warmup: 3, env: {} };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i] ?? '';
    const value = argv[(i += 1)];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--env') {
      const [name, setting] = value.split('=', 2);
      if (!name || setting === undefined) throw new Error(`--env needs NAME=value, not ${value}`);
      options.env[name] = setting;
      continue;
    }
    if (!/^\d+$/.test(value)) throw new Error(`${flag} needs a whole number, not ${value}`);
    if (flag === '--connections') options.connections = Number(value);
    else if (flag === '--duration') options.duration = Number(value);
    else if (flag === '--warmup') options.warmup = Number(value);
    else throw new Error(`Unknown option ${flag}; see the top of test/bench/auth.bench.ts`);
  }
  return options;
}

async function signIn(url: string, baseUrl: string): Promise<string> {
  const password = randomBytes(18).toString('base64url');
  const hash = await new PasswordHasher().hash(password);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`INSERT INTO app_user (email, name, role, password_hash, active) VALUES ('bench@etalase.test', 'Bench', 'SUPERADMIN', $1, true)`, [hash]);
  } finally {
    await client.end();
  }
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@etalase.test', password }),
  });
  if (!response.ok) throw new Error(`Bench login answered ${response.status}`);
  return `Bearer ${((await response.json()) as { accessToken: string }).accessToken}`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (message: string): void => void process.stdout.write(`${message}\n`);
  const server = await startScratchServer(process.env.DATABASE_URL);
  const database = uniqueDatabaseName('etalase_bench_auth');
  await adminQuery(server.url, `CREATE DATABASE ${database}`);
  const url = withDatabase(server.url, database);
  try {
    await migrateDatabase(url);
    const { app, baseUrl } = await startBenchApp(url, { RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0', ...options.env });
    try {
      const authorization = await signIn(url, baseUrl);
      log(`Load: ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s per scenario, on ${cpus().length} CPUs; env ${JSON.stringify(options.env)}`);
      for (const [name, path, headers] of [
        ['GET /health/live (no auth, no database)', '/health/live', {}],
        ['GET /api/v1/auth/me (bearer token)', '/api/v1/auth/me', { authorization }],
      ] as const) {
        const run = { url: `${baseUrl}${path}`, connections: options.connections, workers: 1, headers };
        if (options.warmup > 0) await autocannon({ ...run, duration: options.warmup });
        const result = await autocannon({ ...run, duration: options.duration });
        log(`  ${name}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}`);
      }
    } finally {
      await app.close();
    }
  } finally {
    await adminQuery(server.url, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
