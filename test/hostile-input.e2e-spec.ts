import request from 'supertest';
import type { Problem } from '../src/common/errors/problem';
import type { Facility } from '../src/facilities/facility.entity';
import { makeFacility, MadeUser, signedInAs, Tokens } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type SignedIn = MadeUser & Tokens & { bearer: string };

const LOGIN = '/api/v1/auth/login';
const ORDERS = '/api/v1/orders';
const STORIES = '/api/v1/admin/stories';
const PRODUCTS = '/api/v1/admin/products';
const FACILITIES = '/api/v1/admin/facilities';
const WEBHOOK = '/api/v1/payments/stripe/webhook';

/** What issue 12 asks of every refusal of a hostile request: small, and useful to an honest client. */
const MAX_ANSWER_BYTES = 16 * 1024;

function expectBoundedProblem(response: request.Response, status: number, code: string): Problem {
  const problem = response.body as Problem;
  expect({ status: response.status, code: problem.code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Buffer.byteLength(response.text)).toBeLessThan(MAX_ANSWER_BYTES);
  expect((problem.errors ?? []).length).toBeLessThanOrEqual(20);
  return problem;
}

const wide = (fields: number, base: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...base,
  ...Object.fromEntries(Array.from({ length: fields }, (_, i) => [`k${i}`, 0])),
});

/** JSON as a client that escapes every non-ASCII character (Python's default) sends it: 6 bytes each. */
const asciiJson = (body: unknown): string =>
  JSON.stringify(body).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const customer = { name: 'Siti Rahmawati', email: 'siti@example.com', phone: '+62 812 3456 7890' };
const delivery = {
  method: 'SHIPPING',
  address: { recipient: 'Siti Rahmawati', phone: '+62 812 3456 7890', line1: 'Jl. Lambung Mangkurat No. 10', city: 'Banjarmasin', province: 'Kalimantan Selatan', postalCode: '70111' },
};
const invalidLines = (count: number): { productId: string; quantity: number }[] => Array.from({ length: count }, () => ({ productId: 'x', quantity: 0 }));

describe('hostile input is refused cheaply, with a small answer (issue 12)', () => {
  let t: TestApp;
  let facility: Facility;
  let facilityAdmin: SignedIn;

  beforeAll(async () => {
    t = await startTestApp();
    facility = await makeFacility(t.dataSource, { name: 'Lapas Kelas IIA Banjarmasin' });
    facilityAdmin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility });
  });
  afterAll(() => t.close());

  const post = (path: string, body: unknown, bearer?: string): request.Test => {
    const test = request(t.http).post(path).set('Content-Type', 'application/json');
    if (bearer) test.set('Authorization', bearer);
    return test.send(typeof body === 'string' ? body : JSON.stringify(body));
  };

  describe('bodies over the limit of their route', () => {
    it('refuses a login with 75,000 unknown keys (814 KB) with 413, saying what to do', async () => {
      const problem = expectBoundedProblem(await post(LOGIN, wide(75_000, { email: 'a@example.test', password: 'x' })), 413, 'PAYLOAD_TOO_LARGE');
      expect(problem.detail).toMatch(/larger than this endpoint accepts \(65536 bytes\); send only the documented fields/);
    });

    it('refuses a checkout with 25,000 invalid lines with 413', async () => {
      expectBoundedProblem(await post(ORDERS, { items: invalidLines(25_000), customer, delivery }), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('holds ordinary routes to BODY_LIMIT (64 KB), and fits their longest valid body, even fully escaped', async () => {
      expectBoundedProblem(await post(LOGIN, { email: 'a@example.test', password: 'p'.repeat(70 * 1024) }), 413, 'PAYLOAD_TOO_LARGE');
      const facilityBody = {
        type: 'LAPAS',
        facilityClass: 'IIA',
        name: 'Lapas Kelas IIA Perempuan Martapura',
        shortName: 'Lapas Perempuan Martapura',
        provinceCode: '63',
        address: { line: 'Jl. Pramuka No. 12', city: 'Banjarmasin' },
      };
      const superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
      expectBoundedProblem(await post(FACILITIES, { ...facilityBody, description: 'x'.repeat(70 * 1024) }, superadmin.bearer), 413, 'PAYLOAD_TOO_LARGE');
      const longest = asciiJson({ ...facilityBody, description: 'é'.repeat(5000) });
      expect(Buffer.byteLength(longest)).toBeGreaterThan(30_000);
      await post(FACILITIES, longest, superadmin.bearer).expect(201);
    });

    it('gives story and product editing the large limit: a 50,000-character story escaped to 300 KB is taken', async () => {
      const story = asciiJson({ title: 'Pagi di Dapur Roti', markdown: 'é'.repeat(50_000) });
      expect(Buffer.byteLength(story)).toBeGreaterThan(300_000);
      await post(STORIES, story, facilityAdmin.bearer).expect(201);
      const product = asciiJson({
        category: 'sasirangan',
        program: 'PEMBINAAN_KEMANDIRIAN',
        kind: 'GOODS',
        name: 'Kain Sasirangan Motif Gigi Haruan',
        description: 'é'.repeat(20_000),
        price: 185_000,
        unitCost: 90_000,
        stock: 12,
        weightGrams: 300,
      });
      expect(Buffer.byteLength(product)).toBeGreaterThan(120_000);
      await post(PRODUCTS, product, facilityAdmin.bearer).expect(201);
      expectBoundedProblem(await post(STORIES, { title: 'Terlalu panjang', markdown: 'x'.repeat(600 * 1024) }, facilityAdmin.bearer), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('reads a large body only once the caller is signed in: anonymous callers get 401 without a byte parsed', async () => {
      expectBoundedProblem(await post(STORIES, '{"title": "malformed",'), 401, 'UNAUTHENTICATED');
      expectBoundedProblem(await post(STORIES, { title: 'x', markdown: 'x'.repeat(600 * 1024) }), 401, 'UNAUTHENTICATED');
      expectBoundedProblem(await post(PRODUCTS, wide(40_000)), 401, 'UNAUTHENTICATED');
    });
  });

  describe('shapes no request has, under the size limit', () => {
    it('refuses a checkout with 1,900 lines (60 KB) naming the list and its limit, not each line', async () => {
      const problem = expectBoundedProblem(await post(ORDERS, { items: invalidLines(1_900), customer, delivery }), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ field: 'items', message: 'must contain no more than 50 elements' }]);
      expect(problem.moreErrors).toBeUndefined();
    });

    it('refuses an object with thousands of unknown fields as one error', async () => {
      const login = expectBoundedProblem(await post(LOGIN, wide(5_000, { email: 'a@example.test', password: 'x' })), 400, 'VALIDATION_FAILED');
      expect(login.errors).toEqual([{ field: 'body', message: 'has 5002 fields, more than any request takes (64); send only the documented ones' }]);
      const nested = expectBoundedProblem(await post(ORDERS, { items: [], customer: wide(3_000, customer), delivery }), 400, 'VALIDATION_FAILED');
      expect(nested.errors).toEqual([{ field: 'customer', message: expect.stringMatching(/^has 3003 fields/) as string }]);
    });

    it('refuses a body of more values than any request takes', async () => {
      const lines = Array.from({ length: 50 }, () => wide(60));
      const problem = expectBoundedProblem(await post(ORDERS, { items: lines, customer, delivery }), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ field: 'body', message: 'holds more than 2000 values, more than any request takes' }]);
    });

    it('refuses a query of 1,000 parameters as one error', async () => {
      const query = Array.from({ length: 1000 }, (_, i) => `p${i}=${i}`).join('&');
      const problem = expectBoundedProblem(await request(t.http).get(`/api/v1/products?${query}`), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ field: 'query', message: 'has 1000 parameters, more than any request takes (64); send only the documented ones' }]);
    });
  });

  describe('error lists', () => {
    it('lists 20 of the errors of 50 invalid lines and counts the rest in moreErrors', async () => {
      const problem = expectBoundedProblem(await post(ORDERS, { items: invalidLines(50), customer, delivery }), 400, 'VALIDATION_FAILED');
      expect(problem.errors?.[0]).toEqual({ field: 'items', message: 'must not list the same product twice' });
      expect(problem.errors?.slice(1).every((e) => /^items\.\d+\.(productId|quantity)$/.test(e.field))).toBe(true);
      // Each line: productId is not a UUID, quantity is under 1; and the duplicate above.
      expect(problem.moreErrors).toBe(2 * 50 + 1 - 20);
      expect(problem.detail).toMatch(/; and 81 more$/);
    });

    it('names each unknown field, up to 20, and counts the others', async () => {
      const problem = expectBoundedProblem(await post(LOGIN, wide(60, { email: 'a@example.test', password: 'x' })), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toHaveLength(20);
      for (const error of problem.errors ?? []) expect(error).toEqual({ field: expect.stringMatching(/^k\d+$/) as string, message: 'is not an accepted field' });
      expect(problem.moreErrors).toBe(40);
    });

    it('sends no moreErrors when every error is listed', async () => {
      const problem = expectBoundedProblem(await post(LOGIN, { email: 'not-an-email', password: 'x', rememberMe: true }), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toHaveLength(2);
      expect(problem).not.toHaveProperty('moreErrors');
    });
  });

  describe('echoes of client text', () => {
    it('cuts a 60 KB field name to a recognisable prefix', async () => {
      const problem = expectBoundedProblem(await post(LOGIN, { email: 'a@example.test', password: 'x', ['k'.repeat(60_000)]: 0 }), 400, 'VALIDATION_FAILED');
      expect(problem.errors?.[0]?.field).toMatch(/^k{119}…$/);
    });

    it('cuts a 12 KB path in a 404', async () => {
      const problem = expectBoundedProblem(await request(t.http).get(`/api/v1/${'x'.repeat(12_000)}`), 404, 'NOT_FOUND');
      expect(problem.instance).toMatch(/^\/api\/v1\/x+…$/);
    });
  });

  describe('the OpenAPI document', () => {
    interface Document {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties: Record<string, { maxItems?: number }> }> };
    }

    it('says which routes take large bodies, and how long each list may be', async () => {
      const document = (await request(t.http).get('/docs/openapi.json').expect(200)).body as Document;
      for (const [path, method] of [[STORIES, 'post'], [`${STORIES}/{id}`, 'patch'], [PRODUCTS, 'post'], [`${PRODUCTS}/{id}`, 'patch'], [WEBHOOK, 'post']] as const) {
        expect({ path, method, documents413: '413' in (document.paths[path]?.[method]?.responses ?? {}) }).toEqual({ path, method, documents413: true });
      }
      expect(document.components.schemas.CreateOrderDto?.properties.items?.maxItems).toBe(50);
      expect(document.components.schemas.CreateWebhookDto?.properties.events?.maxItems).toBeGreaterThan(0);
      expect(document.components.schemas.CreateApiKeyDto?.properties.scopes?.maxItems).toBe(3);
    });
  });

  describe('with BODY_LIMIT_LARGE=16kb and Stripe configured', () => {
    let small: TestApp;
    let admin: SignedIn;
    beforeAll(async () => {
      small = await startTestApp({ BODY_LIMIT_LARGE: '16kb', STRIPE_SECRET_KEY: 'sk_test_etalase123', STRIPE_WEBHOOK_SECRET: 'whsec_test_webhook_secret_0123456789' });
      const lapas = await makeFacility(small.dataSource, { name: 'Lapas Kelas IIB Kotabaru' });
      admin = await signedInAs(small.http, small.dataSource, 'FACILITY_ADMIN', { facility: lapas });
    });
    afterAll(() => small.close());

    const story = (markdown: string): request.Test =>
      request(small.http).post(STORIES).set('Authorization', admin.bearer).send({ title: 'Pagi di Dapur Roti', markdown });

    it('holds story editing to the configured large limit', async () => {
      expectBoundedProblem(await story('x'.repeat(20 * 1024)), 413, 'PAYLOAD_TOO_LARGE');
      await story('x'.repeat(10 * 1024)).expect(201);
    });

    it('never parses a webhook body before its signature is checked, and holds it to the large limit', async () => {
      const webhook = (body: string): request.Test =>
        request(small.http).post(WEBHOOK).set('Content-Type', 'application/json').set('Stripe-Signature', 't=1,v1=00').send(body);
      const malformed = expectBoundedProblem(await webhook('{"id": "evt_1",'), 400, 'VALIDATION_FAILED');
      expect(malformed.detail).toBe('invalid signature');
      expectBoundedProblem(await webhook(JSON.stringify({ id: 'evt_1', data: 'x'.repeat(20 * 1024) })), 413, 'PAYLOAD_TOO_LARGE');
    });
  });
});
