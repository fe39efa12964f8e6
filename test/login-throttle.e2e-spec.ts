import request, { Response, Test } from 'supertest';
import type { Problem } from '../src/common/errors/problem';
import { makeUser, TEST_PASSWORD } from './support/factories';
import { RedisServer, startRedisServer } from './support/redis-server';
import { startTestApp, TestApp } from './support/test-app';

const ACCOUNT_LIMIT = 5;
const IP_LIMIT = 8;
const PARALLEL = 20;

let addresses = 0;
/** An address no earlier request used (TRUST_PROXY is on, so X-Forwarded-For names the client). */
function freshAddress(): string {
  addresses += 1;
  return `10.${Math.floor(addresses / 250)}.${addresses % 250}.1`;
}

function tally(responses: Response[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const response of responses) counts[response.status] = (counts[response.status] ?? 0) + 1;
  return counts;
}

function expectThrottled(response: Response): void {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
  expect(response.get('Content-Type')).toMatch(/^application\/problem\+json/);
  const retryAfter = Number(response.get('Retry-After'));
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 900).toBe(true);
}

/**
 * Counting and deciding are one atomic step: an attempt reserves its place under the limit before
 * its password is checked, so parallel requests cannot all read "under the limit" and all get a
 * guess. A 401 means the password was checked; a 429 means it was not.
 */
describe.each([
  ['PostgreSQL', false],
  ['Redis', true],
])('login throttle under parallel requests (%s counters)', (_store, withRedis) => {
  let t: TestApp;
  let redis: RedisServer | undefined;

  beforeAll(async () => {
    redis = withRedis ? await startRedisServer() : undefined;
    t = await startTestApp({
      TRUST_PROXY: 'true',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: String(ACCOUNT_LIMIT),
      LOGIN_MAX_FAILURES_PER_IP: String(IP_LIMIT),
      ...(redis ? { REDIS_URL: redis.url } : {}),
    });
  });
  afterAll(async () => {
    await t.close();
    await redis?.stop();
  });

  const attempt = (email: string, password: string, address: string): Test =>
    request(t.http).post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ email, password });

  it(`checks at most ${ACCOUNT_LIMIT} of ${PARALLEL} parallel wrong passwords for one account, whatever their addresses`, async () => {
    const victim = await makeUser(t.dataSource, 'SUPERADMIN');
    const responses = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => attempt(victim.email, `wrong-${i}`, freshAddress())));

    expect(tally(responses)).toEqual({ 401: ACCOUNT_LIMIT, 429: PARALLEL - ACCOUNT_LIMIT });
    responses.filter((r) => r.status === 429).forEach(expectThrottled);
    // The account stays locked for its window, right password or not.
    expectThrottled(await attempt(victim.email, TEST_PASSWORD, freshAddress()));
  });

  it(`checks at most ${IP_LIMIT} of ${PARALLEL} parallel wrong logins from one address, across accounts`, async () => {
    const address = freshAddress();
    const responses = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => attempt(`spray-${i}-${address}@example.test`, 'wrong', address)));

    expect(tally(responses)).toEqual({ 401: IP_LIMIT, 429: PARALLEL - IP_LIMIT });
    responses.filter((r) => r.status === 429).forEach(expectThrottled);
    const admin = await makeUser(t.dataSource, 'SUPERADMIN');
    expectThrottled(await attempt(admin.email, TEST_PASSWORD, address));
    // Another address is not affected.
    await attempt(admin.email, TEST_PASSWORD, freshAddress()).expect(200);
  });

  it('does not count successful sign-ins against the address, and a success clears the account count', async () => {
    const address = freshAddress();
    const admin = await makeUser(t.dataSource, 'SUPERADMIN');
    for (let i = 0; i < IP_LIMIT + 2; i += 1) await attempt(admin.email, TEST_PASSWORD, address).expect(200);
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < ACCOUNT_LIMIT - 1; i += 1) await attempt(admin.email, 'wrong', freshAddress()).expect(401);
      await attempt(admin.email, TEST_PASSWORD, freshAddress()).expect(200);
    }
  });
});

describe('login throttle when its store is down', () => {
  it('refuses sign-in with 503 and Retry-After rather than checking passwords unthrottled', async () => {
    const redis = await startRedisServer();
    const t = await startTestApp({ REDIS_URL: redis.url });
    try {
      const admin = await makeUser(t.dataSource, 'SUPERADMIN');
      await request(t.http).post('/api/v1/auth/login').send({ email: admin.email, password: TEST_PASSWORD }).expect(200);
      await redis.stop();

      const refused = await request(t.http).post('/api/v1/auth/login').send({ email: admin.email, password: TEST_PASSWORD });
      expect({ status: refused.status, code: (refused.body as Problem).code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(Number(refused.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    } finally {
      await t.close();
      await redis.stop();
    }
  });
});
