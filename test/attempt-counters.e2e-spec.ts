import { randomUUID } from 'node:crypto';
import { PostgresRateLimitStore } from '../src/rate-limit/postgres-rate-limit.store';
import type { RateLimitStore } from '../src/rate-limit/rate-limit-store';
import { RedisRateLimitStore } from '../src/rate-limit/redis-rate-limit.store';
import { RedisServer, startRedisServer } from './support/redis-server';
import { startTestApp, TestApp } from './support/test-app';

const WINDOW = 900;

/** The failure budgets behind the login and API-key throttles, the same rules in both stores. */
describe.each([
  ['PostgreSQL', false],
  ['Redis', true],
])('attempt counters (%s)', (_store, withRedis) => {
  let t: TestApp;
  let redis: RedisServer | undefined;
  let store: RateLimitStore;

  beforeAll(async () => {
    t = await startTestApp();
    redis = withRedis ? await startRedisServer() : undefined;
    store = redis ? new RedisRateLimitStore(redis.url) : new PostgresRateLimitStore(t.dataSource);
  });
  afterAll(async () => {
    await store.close();
    await redis?.stop();
    await t.close();
  });

  const fresh = (): string => `test:${randomUUID()}`;

  it('reserves on every key or on none', async () => {
    const [a, b] = [fresh(), fresh()];
    expect(await store.reserveAttempt([{ key: a, limit: 1 }, { key: b, limit: 2 }], WINDOW)).toEqual({ allowed: true });
    expect(await store.reserveAttempt([{ key: a, limit: 1 }, { key: b, limit: 2 }], WINDOW)).toMatchObject({ allowed: false });
    // The refused reservation took nothing from b: it still has room for exactly one.
    expect(await store.reserveAttempt([{ key: b, limit: 2 }], WINDOW)).toEqual({ allowed: true });
    expect(await store.reserveAttempt([{ key: b, limit: 2 }], WINDOW)).toMatchObject({ allowed: false });
  });

  it('counts failures until the window ends and says how long that is', async () => {
    const key = fresh();
    for (let i = 0; i < 2; i += 1) {
      expect(await store.reserveAttempt([{ key, limit: 2 }], WINDOW)).toEqual({ allowed: true });
      await store.settleAttempt([{ key, outcome: 'failed' }]);
    }
    const refused = await store.reserveAttempt([{ key, limit: 2 }], WINDOW);
    if (refused.allowed) throw new Error('expected a refusal');
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(WINDOW - 5);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(WINDOW);
  });

  it('gives a released attempt back, and never counts below nothing', async () => {
    const key = fresh();
    await store.settleAttempt([{ key, outcome: 'released' }]);
    expect(await store.reserveAttempt([{ key, limit: 1 }], WINDOW)).toEqual({ allowed: true });
    await store.settleAttempt([{ key, outcome: 'released' }]);
    await store.settleAttempt([{ key, outcome: 'released' }]);
    expect(await store.reserveAttempt([{ key, limit: 1 }], WINDOW)).toEqual({ allowed: true });
    expect(await store.reserveAttempt([{ key, limit: 1 }], WINDOW)).toMatchObject({ allowed: false });
  });

  it('clears failures on success but keeps attempts still in flight counted', async () => {
    const key = fresh();
    expect(await store.reserveAttempt([{ key, limit: 3 }], WINDOW)).toEqual({ allowed: true });
    await store.settleAttempt([{ key, outcome: 'failed' }]);
    for (let i = 0; i < 2; i += 1) expect(await store.reserveAttempt([{ key, limit: 3 }], WINDOW)).toEqual({ allowed: true });
    // One of the two in flight succeeds: the failure is forgotten, the other attempt is not.
    await store.settleAttempt([{ key, outcome: 'cleared' }]);
    for (let i = 0; i < 2; i += 1) expect(await store.reserveAttempt([{ key, limit: 3 }], WINDOW)).toEqual({ allowed: true });
    expect(await store.reserveAttempt([{ key, limit: 3 }], WINDOW)).toMatchObject({ allowed: false });
  });

  it('starts afresh once the window has ended', async () => {
    const key = fresh();
    expect(await store.reserveAttempt([{ key, limit: 1 }], 2)).toEqual({ allowed: true });
    await store.settleAttempt([{ key, outcome: 'failed' }]);
    expect(await store.reserveAttempt([{ key, limit: 1 }], 2)).toMatchObject({ allowed: false });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await store.reserveAttempt([{ key, limit: 1 }], 2)).toEqual({ allowed: true });
  });
});

/** The sweep of the Postgres request counters: a window is forgotten once it ended, whatever its length. */
describe('request counters (PostgreSQL) housekeeping', () => {
  let t: TestApp;
  let store: PostgresRateLimitStore;

  beforeAll(async () => {
    t = await startTestApp();
    store = new PostgresRateLimitStore(t.dataSource);
  });
  afterAll(() => t.close());

  it('keeps a long window that is still counting and forgets windows that ended', async () => {
    const [longWindow, ended] = [`test:${randomUUID()}`, `test:${randomUUID()}`];
    // A one-hour checkout window that began 30 minutes ago, and a one-minute quota that ended 5 minutes ago.
    await t.dataSource.query(
      `INSERT INTO rate_limit_counter (key, window_start, window_ends_at, count) VALUES
         ($1, now() - interval '30 minutes', now() + interval '30 minutes', 7),
         ($2, now() - interval '6 minutes', now() - interval '5 minutes', 3)`,
      [longWindow, ended],
    );
    await store.forgetOld();
    const rows = await t.dataSource.query<{ key: string; count: number }[]>('SELECT key, count FROM rate_limit_counter WHERE key = ANY($1)', [[longWindow, ended]]);
    expect(rows).toEqual([{ key: longWindow, count: 7 }]);
  });

  it('records when a window ends, so the sweep can tell', async () => {
    const key = `test:${randomUUID()}`;
    await store.hit(key, 3600);
    const [row] = await t.dataSource.query<{ length_seconds: number }[]>(
      'SELECT extract(epoch FROM window_ends_at - window_start)::int AS length_seconds FROM rate_limit_counter WHERE key = $1',
      [key],
    );
    expect(row).toEqual({ length_seconds: 3600 });
  });
});
