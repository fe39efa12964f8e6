import request from 'supertest';
import type { Problem } from '../src/common/errors/problem';
import type { ApiKeyView, CreatedApiKeyView, PartnerView } from '../src/partners/partner.views';
import { makeFacility, signedInAs } from './support/factories';
import { issuePartnerKey } from './support/partner-factories';
import { RedisServer, startRedisServer } from './support/redis-server';
import { eventually, startTestApp, startTestAppOn, TestApp } from './support/test-app';

// Rate-limit tests may wait up to six seconds for a fresh one-minute window.
jest.setTimeout(20_000);

const PARTNERS = '/api/v1/admin/partners';
const PRODUCTS = '/api/v1/products';

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return response.body as Problem;
}

describe('partners and API keys', () => {
  let t: TestApp;
  let superadmin: { bearer: string };
  const withKey = (key: string, path = '/api/v1/regions'): request.Test => request(t.http).get(path).set('X-Api-Key', key);

  beforeAll(async () => {
    t = await startTestApp();
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
  });
  afterAll(() => t.close());

  it('lets only a superadmin manage partners and keys (403 for regional and facility admins on every route)', async () => {
    const { partnerId, keyId } = await issuePartnerKey(t.http, superadmin.bearer);
    const regional = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: (await makeFacility(t.dataSource)).kanwilId });
    const facilityAdmin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: await makeFacility(t.dataSource) });
    for (const who of [regional, facilityAdmin]) {
      const calls: request.Test[] = [
        request(t.http).get(PARTNERS),
        request(t.http).post(PARTNERS).send({ name: 'Mitra Nakal', contactEmail: 'x@y.example' }),
        request(t.http).get(`${PARTNERS}/${partnerId}`),
        request(t.http).patch(`${PARTNERS}/${partnerId}`).send({ active: false }),
        request(t.http).get(`${PARTNERS}/${partnerId}/api-keys`),
        request(t.http).post(`${PARTNERS}/${partnerId}/api-keys`).send({ scopes: ['catalog:read'] }),
        request(t.http).post(`${PARTNERS}/${partnerId}/api-keys/${keyId}/rotate`).send({}),
        request(t.http).delete(`${PARTNERS}/${partnerId}/api-keys/${keyId}`),
      ];
      for (const call of calls) expectProblem(await call.set('Authorization', who.bearer), 403, 'FORBIDDEN');
    }
  });

  it('shows a key once, then only its prefix; the key works as X-Api-Key and its use is recorded', async () => {
    const partner = (await request(t.http).post(PARTNERS).set('Authorization', superadmin.bearer).send({ name: 'Toko Karya Nusantara', contactEmail: 'dev@karya.example' }).expect(201)).body as PartnerView;
    expect(partner).toMatchObject({ name: 'Toko Karya Nusantara', rateLimitPerMinute: 1200, active: true });
    const created = (await request(t.http).post(`${PARTNERS}/${partner.id}/api-keys`).set('Authorization', superadmin.bearer).send({ scopes: ['catalog:read'], label: 'produksi' }).expect(201)).body as CreatedApiKeyView;
    expect(created.key.startsWith(`${created.prefix}_`)).toBe(true);
    expect(created).toMatchObject({ scopes: ['catalog:read'], label: 'produksi', status: 'ACTIVE', lastUsedAt: null });

    const listed = (await request(t.http).get(`${PARTNERS}/${partner.id}/api-keys`).set('Authorization', superadmin.bearer).expect(200)).body as { data: ApiKeyView[] };
    expect(listed.data).toHaveLength(1);
    expect(JSON.stringify(listed.data)).not.toContain(created.key.slice(created.prefix.length + 1));
    const [stored] = await t.dataSource.query<{ secret_hash: string }[]>('SELECT secret_hash FROM api_key WHERE id = $1', [created.id]);
    expect(stored?.secret_hash).toMatch(/^[0-9a-f]{64}$/);

    const response = await withKey(created.key).expect(200);
    expect(response.headers['ratelimit-policy']).toBe('"default";q=1200;w=60');
    // The use is recorded beside the request, not before its answer (api-key-authenticator.ts).
    const lastUsedAt = await eventually(async () => {
      const after = (await request(t.http).get(`${PARTNERS}/${partner.id}/api-keys`).set('Authorization', superadmin.bearer).expect(200)).body as { data: ApiKeyView[] };
      return after.data[0]?.lastUsedAt ?? undefined;
    }, 5_000);
    expect(Date.parse(lastUsedAt)).toBeGreaterThan(Date.parse(created.createdAt) - 1_000);
  });

  it.each([
    ['a key Etalase never issued', 'etk_AAAAAAAAAAAA_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'],
    ['a malformed key', 'not-a-key'],
    ['an empty key', ''],
  ])('answers 401 API_KEY_INVALID to %s, even on public routes', async (_label, key) => {
    expectProblem(await withKey(key), 401, 'API_KEY_INVALID');
  });

  it('refuses a key whose secret was altered', async () => {
    const { key } = await issuePartnerKey(t.http, superadmin.bearer);
    expectProblem(await withKey(`${key.slice(0, -1)}${key.endsWith('a') ? 'b' : 'a'}`), 401, 'API_KEY_INVALID');
  });

  it('stops a revoked key on the very next request, and every key of a deactivated partner', async () => {
    const issued = await issuePartnerKey(t.http, superadmin.bearer);
    await withKey(issued.key).expect(200);
    await request(t.http).delete(`${PARTNERS}/${issued.partnerId}/api-keys/${issued.keyId}`).set('Authorization', superadmin.bearer).expect(204);
    expectProblem(await withKey(issued.key), 401, 'API_KEY_REVOKED');

    const other = await issuePartnerKey(t.http, superadmin.bearer);
    await request(t.http).patch(`${PARTNERS}/${other.partnerId}`).set('Authorization', superadmin.bearer).send({ active: false }).expect(200);
    expectProblem(await withKey(other.key), 401, 'API_KEY_REVOKED');
  });

  it('refuses an expired key, and a key created already expired', async () => {
    const issued = await issuePartnerKey(t.http, superadmin.bearer, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    await withKey(issued.key).expect(200);
    await t.dataSource.query(`UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = $1`, [issued.keyId]);
    expectProblem(await withKey(issued.key), 401, 'API_KEY_EXPIRED');
    const past = await request(t.http).post(`${PARTNERS}/${issued.partnerId}/api-keys`).set('Authorization', superadmin.bearer).send({ scopes: ['catalog:read'], expiresAt: '2020-01-01T00:00:00Z' });
    expectProblem(past, 400, 'VALIDATION_FAILED');
  });

  it('rotates: the new key works at once, the old one until its grace period ends', async () => {
    const issued = await issuePartnerKey(t.http, superadmin.bearer, { scopes: ['catalog:read', 'orders:read'] });
    const rotated = (await request(t.http).post(`${PARTNERS}/${issued.partnerId}/api-keys/${issued.keyId}/rotate`).set('Authorization', superadmin.bearer).send({ graceHours: 1 }).expect(201)).body as CreatedApiKeyView;
    expect(rotated.scopes).toEqual(['catalog:read', 'orders:read']);
    await withKey(rotated.key).expect(200);
    await withKey(issued.key).expect(200);
    const keys = (await request(t.http).get(`${PARTNERS}/${issued.partnerId}/api-keys`).set('Authorization', superadmin.bearer).expect(200)).body as { data: ApiKeyView[] };
    const old = keys.data.find((k) => k.id === issued.keyId);
    expect(old?.replacedById).toBe(rotated.id);
    expect(Date.parse(old?.expiresAt ?? '') - Date.now()).toBeGreaterThan(3_500_000);

    const immediate = (await request(t.http).post(`${PARTNERS}/${issued.partnerId}/api-keys/${rotated.id}/rotate`).set('Authorization', superadmin.bearer).send({ graceHours: 0 }).expect(201)).body as CreatedApiKeyView;
    expectProblem(await withKey(rotated.key), 401, 'API_KEY_EXPIRED');
    await withKey(immediate.key).expect(200);
  });

  it('needs catalog:read to mirror the catalog (403 INSUFFICIENT_SCOPE without it)', async () => {
    const ordersOnly = await issuePartnerKey(t.http, superadmin.bearer, { scopes: ['orders:write'] });
    expectProblem(await withKey(ordersOnly.key, `${PRODUCTS}?updatedSince=2020-01-01T00:00:00Z`), 403, 'INSUFFICIENT_SCOPE');
    await withKey(ordersOnly.key, PRODUCTS).expect(200); // the shop's own lists need no scope
    const reader = await issuePartnerKey(t.http, superadmin.bearer, { scopes: ['catalog:read'] });
    await withKey(reader.key, `${PRODUCTS}?updatedSince=2020-01-01T00:00:00Z`).expect(200);
  });

  it('audits every partner and key change', async () => {
    const issued = await issuePartnerKey(t.http, superadmin.bearer);
    await request(t.http).delete(`${PARTNERS}/${issued.partnerId}/api-keys/${issued.keyId}`).set('Authorization', superadmin.bearer).expect(204);
    const actions = await t.dataSource.query<{ action: string }[]>(`SELECT action FROM audit_event WHERE entity_id = ANY($1::text[]) ORDER BY created_at`, [[issued.partnerId, issued.keyId]]);
    expect(actions.map((a) => a.action).sort()).toEqual(['apiKey.create', 'apiKey.revoke', 'partner.create']);
  });
});

describe('rate limits', () => {
  let t: TestApp;
  let superadmin: { bearer: string };

  beforeAll(async () => {
    t = await startTestApp();
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
  });
  afterAll(() => t.close());

  /**
   * Windows are whole minutes of the database clock. A test that counts requests waits until at
   * least `margin` seconds are left in the current one, so its requests all land in the same window.
   */
  async function awayFromWindowEdge(app: TestApp, margin = 6): Promise<void> {
    const [row] = await app.dataSource.query<{ left: number }[]>(`SELECT 60 - extract(epoch FROM now())::numeric % 60 AS left`);
    const left = Number(row?.left ?? 60);
    if (left < margin) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 100));
  }

  /** Sends `n` requests one after another; returns their statuses. */
  async function hammer(app: TestApp, n: number, key?: string): Promise<request.Response[]> {
    const responses: request.Response[] = [];
    for (let i = 0; i < n; i += 1) {
      const call = request(app.http).get('/api/v1/regions');
      responses.push(await (key ? call.set('X-Api-Key', key) : call));
    }
    return responses;
  }

  it('gives a key its own quota: past it 429 with Retry-After, while another key is unaffected', async () => {
    const busy = await issuePartnerKey(t.http, superadmin.bearer, { rateLimitPerMinute: 10 });
    const calm = await issuePartnerKey(t.http, superadmin.bearer, { rateLimitPerMinute: 10 });
    await awayFromWindowEdge(t);
    const responses = await hammer(t, 12, busy.key);
    expect(responses.map((r) => r.status)).toEqual([...Array(10).fill(200), 429, 429]);
    expect(responses.slice(0, 10).map((r) => /;r=(\d+);/.exec(String(r.headers.ratelimit))?.[1])).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);
    const refused = responses[10];
    expectProblem(refused, 429, 'RATE_LIMITED');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers['ratelimit-policy']).toBe('"default";q=10;w=60');
    expect(refused.headers.ratelimit).toBe(`"default";r=0;t=${retryAfter}`);
    // The earlier drafts' fields, deprecated, say the same until partners have moved.
    expect(refused.headers).toMatchObject({ 'ratelimit-limit': '10', 'ratelimit-remaining': '0', 'ratelimit-reset': String(retryAfter) });

    expect((await hammer(t, 3, calm.key)).map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('limits anonymous callers per address, and leaves health probes alone', async () => {
    // A database of its own: no earlier request from this address counts.
    const strict = await startTestApp({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '5', CORS_ORIGINS: 'https://toko.example' });
    try {
      await awayFromWindowEdge(strict);
      const responses = await hammer(strict, 7);
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expect(Number(responses[6]?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(responses[0]?.headers['ratelimit-policy']).toBe('"default";q=5;w=60');
      expect(responses[0]?.headers.ratelimit).toMatch(/^"default";r=4;t=\d+$/);
      // A shop's page in a browser may read the quota too.
      const fromBrowser = await request(strict.http).get('/api/v1/regions').set('Origin', 'https://toko.example');
      expect(String(fromBrowser.headers['access-control-expose-headers']).split(',')).toEqual(expect.arrayContaining(['Retry-After', 'RateLimit-Policy', 'RateLimit']));
      await request(strict.http).get('/health/live').expect(200);
      await request(strict.http).get('/health/ready').expect(200);
    } finally {
      await strict.close();
    }
  });

  it('shares one quota between two API processes on one database', async () => {
    const shared = await issuePartnerKey(t.http, superadmin.bearer, { rateLimitPerMinute: 10 });
    const second = await startTestAppOn(t);
    try {
      await awayFromWindowEdge(t);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) {
        const app = i % 2 === 0 ? t : second;
        statuses.push((await request(app.http).get('/api/v1/regions').set('X-Api-Key', shared.key)).status);
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.slice(10)).toEqual([429, 429]);
    } finally {
      await second.close();
    }
  });

  describe('with Redis (REDIS_URL)', () => {
    let redis: RedisServer;
    let redisUrl: string;

    beforeAll(async () => {
      redis = await startRedisServer();
      redisUrl = redis.url;
    });
    afterAll(() => redis.stop());

    it('shares one quota between two processes through Redis, not the database', async () => {
      const key = await issuePartnerKey(t.http, superadmin.bearer, { rateLimitPerMinute: 10 });
      const first = await startTestAppOn(t, { REDIS_URL: redisUrl });
      const second = await startTestAppOn(t, { REDIS_URL: redisUrl });
      try {
        await awayFromWindowEdge(t);
        const before = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM rate_limit_counter WHERE key = $1`, [`key:${key.keyId}`]);
        const statuses: number[] = [];
        for (let i = 0; i < 12; i += 1) statuses.push((await request((i % 2 === 0 ? first : second).http).get('/api/v1/regions').set('X-Api-Key', key.key)).status);
        expect(statuses.filter((s) => s === 200)).toHaveLength(10);
        expect(statuses.slice(10)).toEqual([429, 429]);
        const after = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM rate_limit_counter WHERE key = $1`, [`key:${key.keyId}`]);
        expect(after).toEqual(before);
      } finally {
        await first.close();
        await second.close();
      }
    });
  });
});
