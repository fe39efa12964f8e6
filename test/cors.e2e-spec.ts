import request from 'supertest';
import type { Facility } from '../src/facilities/facility.entity';
import { makeProduct } from './support/catalog-factories';
import { makeFacility } from './support/factories';
import { TEST_ADDRESS } from './support/order-factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 14: CORS_ORIGINS is an allowlist of exact origins (partner storefronts, the admin console);
 * `*` adds public reads from any page. A browser only reads what the answer's headers allow, so
 * these tests read the headers a browser would.
 */
const SHOP = 'https://toko.example';
const STRANGER = 'https://elsewhere.example';
const EXPOSED = ['ETag', 'Location', 'Retry-After', 'Idempotent-Replayed', 'X-Request-Id', 'RateLimit', 'RateLimit-Policy', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];

const list = (value: string | string[] | undefined): string[] => [value ?? ''].flat().join(',').split(',').map((v) => v.trim().toLowerCase()).filter((v) => v !== '');
const preflight = (t: TestApp, path: string, origin: string, method: string, headers: string): request.Test =>
  request(t.http).options(path).set('Origin', origin).set('Access-Control-Request-Method', method).set('Access-Control-Request-Headers', headers);

describe('CORS allowlist', () => {
  let t: TestApp;
  let facility: Facility;

  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: `${SHOP}, http://localhost:5173, *` });
    facility = await makeFacility(t.dataSource);
  });
  afterAll(() => t.close());

  it('lets a listed storefront send a keyed checkout with every header the API reads, without credentials', async () => {
    const answer = await preflight(t, '/api/v1/orders', SHOP, 'POST', 'content-type,idempotency-key,x-api-key').expect(204);
    expect(answer.headers['access-control-allow-origin']).toBe(SHOP);
    expect(list(answer.headers['access-control-allow-methods'])).toEqual(expect.arrayContaining(['get', 'post', 'patch', 'delete']));
    expect(list(answer.headers['access-control-allow-headers'])).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'x-api-key', 'idempotency-key', 'x-order-token', 'if-none-match']),
    );
    expect(answer.headers['access-control-max-age']).toBe('600');
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
    expect(list(answer.headers.vary)).toContain('origin');
  });

  it('lets a listed storefront read ETag, Location, the quota, Retry-After and Idempotent-Replayed', async () => {
    const product = await makeProduct(t.dataSource, facility);
    const order = {
      items: [{ productId: product.id, quantity: 1 }],
      customer: { name: 'Siti Rahmawati', email: 'siti@example.com', phone: '+62 812 3456 7890' },
      delivery: { method: 'SHIPPING', address: TEST_ADDRESS },
    };
    await request(t.http).post('/api/v1/orders').set('Origin', SHOP).set('Idempotency-Key', 'cors-1').send(order).expect(201);
    const replay = await request(t.http).post('/api/v1/orders').set('Origin', SHOP).set('Idempotency-Key', 'cors-1').send(order).expect(201);
    expect(replay.headers['access-control-allow-origin']).toBe(SHOP);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers.location).toMatch(/^\/api\/v1\/orders\/ETL-\d{4}-\d{6}$/);
    expect(list(replay.headers['access-control-expose-headers'])).toEqual(expect.arrayContaining(EXPOSED.map((h) => h.toLowerCase())));
    expect(replay.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('with `*`, lets any page read the public catalog but not send a key, a token or a POST', async () => {
    const read = await request(t.http).get('/api/v1/regions').set('Origin', STRANGER).expect(200);
    expect(read.headers['access-control-allow-origin']).toBe('*');
    expect(list(read.headers['access-control-expose-headers'])).toEqual(expect.arrayContaining(['etag', 'ratelimit', 'ratelimit-policy', 'retry-after']));
    expect(list(read.headers.vary)).toContain('origin');

    const revalidate = await preflight(t, '/api/v1/regions', STRANGER, 'GET', 'if-none-match').expect(204);
    expect(revalidate.headers['access-control-allow-origin']).toBe('*');
    expect(list(revalidate.headers['access-control-allow-headers'])).toEqual(['if-none-match']);
    expect(list(revalidate.headers['access-control-allow-methods'])).toEqual(['get', 'head']);

    const checkout = await preflight(t, '/api/v1/orders', STRANGER, 'POST', 'content-type,x-api-key');
    expect(list(checkout.headers['access-control-allow-methods'])).not.toContain('post');
    expect(list(checkout.headers['access-control-allow-headers'])).not.toContain('x-api-key');
    expect(checkout.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('matches origins exactly', async () => {
    for (const origin of ['https://toko.example.evil.example', 'http://toko.example', 'https://sub.toko.example']) {
      const answer = await request(t.http).get('/api/v1/regions').set('Origin', origin).expect(200);
      expect({ origin, allowed: answer.headers['access-control-allow-origin'] }).toEqual({ origin, allowed: '*' });
    }
    const local = await request(t.http).get('/api/v1/regions').set('Origin', 'http://localhost:5173').expect(200);
    expect(local.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });

  describe('without `*`', () => {
    let closed: TestApp;
    beforeAll(async () => {
      closed = await startTestApp({ CORS_ORIGINS: SHOP });
    });
    afterAll(() => closed.close());

    it('tells a page of any other origin nothing, so its browser reads nothing', async () => {
      const read = await request(closed.http).get('/api/v1/regions').set('Origin', STRANGER).expect(200);
      expect(read.headers['access-control-allow-origin']).toBeUndefined();
      expect(read.headers['access-control-expose-headers']).toBeUndefined();
      const ask = await preflight(closed, '/api/v1/orders', STRANGER, 'POST', 'content-type');
      expect(ask.headers['access-control-allow-origin']).toBeUndefined();
      expect(ask.headers['access-control-allow-methods']).toBeUndefined();

      const listed = await request(closed.http).get('/api/v1/regions').set('Origin', SHOP).expect(200);
      expect(listed.headers['access-control-allow-origin']).toBe(SHOP);
    });
  });
});
