import request, { Response, Test } from 'supertest';
import type { Problem } from '../src/common/errors/problem';
import { signedInAs } from './support/factories';
import { issuePartnerKey } from './support/partner-factories';
import { RedisServer, startRedisServer } from './support/redis-server';
import { startTestApp, TestApp } from './support/test-app';

const FAILURE_LIMIT = 3;
const PARALLEL = 20;
/** Well-formed, never issued: it reaches the key lookup. */
const UNKNOWN_KEY = `etk_${'a'.repeat(12)}_${'b'.repeat(32)}`;

let addresses = 0;
/** An address no earlier request used (TRUST_PROXY is on, so X-Forwarded-For names the client). */
function freshAddress(): string {
  addresses += 1;
  return `10.${Math.floor(addresses / 250)}.${addresses % 250}.2`;
}

function expectProblem(response: Response, status: number, code: string): Problem {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status, code });
  expect(response.get('Content-Type')).toMatch(/^application\/problem\+json/);
  return response.body as Problem;
}

/**
 * Wrong API keys are counted per client address; past the limit they answer 429 with Retry-After
 * instead of 401. The key is still looked up first, so a partner's valid key from the same address
 * (a shared NAT, or its own deploy with one stale key) keeps working.
 */
describe.each([
  ['PostgreSQL', false],
  ['Redis', true],
])('failed API key attempts per address (%s counters)', (_store, withRedis) => {
  let t: TestApp;
  let redis: RedisServer | undefined;
  let validKey: string;
  let superadmin: { bearer: string };

  beforeAll(async () => {
    redis = withRedis ? await startRedisServer() : undefined;
    t = await startTestApp({
      TRUST_PROXY: 'true',
      API_KEY_MAX_FAILURES_PER_IP: String(FAILURE_LIMIT),
      ...(redis ? { REDIS_URL: redis.url } : {}),
    });
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
    validKey = (await issuePartnerKey(t.http, superadmin.bearer, { scopes: ['catalog:read'] })).key;
  });
  afterAll(async () => {
    await t.close();
    await redis?.stop();
  });

  const withKey = (key: string, address: string): Test => request(t.http).get('/api/v1/regions').set('X-Forwarded-For', address).set('X-Api-Key', key);

  it(`answers 429 with Retry-After after ${FAILURE_LIMIT} failed keys from an address, while a valid key from it keeps working`, async () => {
    const address = freshAddress();
    const statuses: number[] = [];
    for (const key of [UNKNOWN_KEY, 'not-a-key', UNKNOWN_KEY, UNKNOWN_KEY, 'not-a-key']) statuses.push((await withKey(key, address)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);

    const refused = await withKey(UNKNOWN_KEY, address);
    const problem = expectProblem(refused, 429, 'RATE_LIMITED');
    expect(problem.detail).toMatch(/X-Api-Key/);
    const retryAfter = Number(refused.get('Retry-After'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 900).toBe(true);

    await withKey(validKey, address).expect(200);
    // Other addresses keep their own count.
    expectProblem(await withKey(UNKNOWN_KEY, freshAddress()), 401, 'API_KEY_INVALID');
  });

  it('counts revoked keys as failures too', async () => {
    const revoked = await issuePartnerKey(t.http, superadmin.bearer, { scopes: ['catalog:read'] });
    await request(t.http).delete(`/api/v1/admin/partners/${revoked.partnerId}/api-keys/${revoked.keyId}`).set('Authorization', superadmin.bearer).expect(204);
    const address = freshAddress();
    for (let i = 0; i < FAILURE_LIMIT; i += 1) expectProblem(await withKey(revoked.key, address), 401, 'API_KEY_REVOKED');
    expectProblem(await withKey(revoked.key, address), 429, 'RATE_LIMITED');
  });

  it(`answers exactly ${FAILURE_LIMIT} of ${PARALLEL} parallel wrong keys from one address with 401, the rest 429`, async () => {
    const address = freshAddress();
    const responses = await Promise.all(Array.from({ length: PARALLEL }, () => withKey(UNKNOWN_KEY, address)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(FAILURE_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(PARALLEL - FAILURE_LIMIT);
    await withKey(validKey, address).expect(200);
  });
});
