import request from 'supertest';
import type { Problem } from '../src/common/errors/problem';
import type { Product } from '../src/catalog/product.entity';
import { DATABASE_RETRY_AFTER_SECONDS } from '../src/database/database-unavailable';
import { makeProduct } from './support/catalog-factories';
import { DatabaseProxy } from './support/database-proxy';
import { makeFacility, signedInAs } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

interface LogLine {
  level: number;
  msg: string;
  req?: { id?: string };
  res?: { statusCode?: number };
  err?: { message?: string; stack?: string };
}

/**
 * PostgreSQL going away under a running app (issue 12, item 7): the app reaches its database
 * through a TCP proxy the test cuts (open connections killed, new ones refused) and restores.
 */
describe('database outage', () => {
  let t: TestApp;
  let proxy: DatabaseProxy;
  let product: Product;
  let bearer: string;
  const lines: LogLine[] = [];

  beforeAll(async () => {
    t = await startTestApp(
      { LOG_LEVEL: 'info' },
      {
        connectVia: async (url) => {
          proxy = await DatabaseProxy.start(url);
          return proxy.url;
        },
        logDestination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
      },
    );
    const facility = await makeFacility(t.dataSource);
    product = await makeProduct(t.dataSource, facility, { name: 'Tas Anyaman Purun', stock: 10 });
    bearer = (await signedInAs(t.http, t.dataSource, 'SUPERADMIN')).bearer;
  });
  afterEach(() => proxy.restore());
  afterAll(async () => {
    await t.close();
    await proxy.close();
  });

  /** The 503 a client gets, and the one log line (warn, no stack) the request leaves. */
  function expectUnavailable(response: request.Response): void {
    const body = response.body as Problem;
    expect({ status: response.status, code: body.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
    expect(body.detail).toMatch(/Retry-After/);
    const requestId = String(response.headers['x-request-id']);
    expect(body.requestId).toBe(requestId);
    const logged = lines.filter((line) => line.req?.id === requestId);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 40, res: { statusCode: 503 } });
    expect(logged[0]?.err?.message).toMatch(/ECONNREFUSED|terminated/);
    expect(logged[0]?.err).not.toHaveProperty('stack'); // no stack trace per request
  }

  async function stockOf(id: string): Promise<number> {
    const [row] = await t.dataSource.query<{ stock: number }[]>('SELECT stock FROM product WHERE id = $1', [id]);
    return row?.stock ?? Number.NaN;
  }

  it('answers catalog reads and admin requests with 503 problem+json and Retry-After while it is gone, and recovers without a restart', async () => {
    await request(t.http).get('/api/v1/products').expect(200);
    await proxy.cut();

    expectUnavailable(await request(t.http).get('/api/v1/products'));
    expectUnavailable(await request(t.http).get('/api/v1/products').query({ q: 'anyaman' }));
    expectUnavailable(await request(t.http).get(`/api/v1/products/${product.slug}`));
    expectUnavailable(await request(t.http).get(`/api/v1/admin/products/${product.id}`).set('Authorization', bearer));
    expectUnavailable(await request(t.http).patch(`/api/v1/admin/products/${product.id}/stock`).set('Authorization', bearer).send({ delta: -1 }));
    const ready = await request(t.http).get('/health/ready');
    expect(ready.status).toBe(503);

    await proxy.restore();
    const list = await request(t.http).get('/api/v1/products').query({ q: 'anyaman' }).expect(200);
    expect((list.body as { data: { id: string }[] }).data.map((item) => item.id)).toEqual([product.id]);
    await request(t.http).get(`/api/v1/products/${product.slug}`).expect(200);
    await request(t.http).get('/health/ready').expect(200);
    expect(await stockOf(product.id)).toBe(10);
  });

  it('answers website pages with a 503 page in their language that says when to try again', async () => {
    await request(t.http).get(`/produk/${product.slug}`).expect(200);
    await proxy.cut();
    for (const [path, words] of [
      [`/produk/${product.slug}`, `Silakan coba lagi dalam ${DATABASE_RETRY_AFTER_SECONDS} detik`],
      ['/en/facilities', `Please try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds`],
    ] as const) {
      const page = await request(t.http).get(path);
      expect({ path, status: page.status, type: page.headers['content-type'] }).toEqual({ path, status: 503, type: 'text/html; charset=utf-8' });
      expect(page.headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.text).toContain(words);
    }
    await proxy.restore();
    await request(t.http).get(`/produk/${product.slug}`).expect(200);
  });

  it('answers 503 to an admin write that loses the database mid-transaction, and leaves nothing half-written', async () => {
    // The stock UPDATE has run inside the transaction when the audit row (the next statement) is sent.
    proxy.cutWhen('INSERT INTO audit_event');
    const cut = await request(t.http).patch(`/api/v1/admin/products/${product.id}/stock`).set('Authorization', bearer).send({ set: 3 });
    expectUnavailable(cut);
    expect(proxy.isCut).toBe(true);

    await proxy.restore();
    expect(await stockOf(product.id)).toBe(10);
    const audited = await t.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM audit_event WHERE entity_id = $1 AND action = 'product.stock'`,
      [product.id],
    );
    expect(audited[0]?.count).toBe(0);

    const retried = await request(t.http).patch(`/api/v1/admin/products/${product.id}/stock`).set('Authorization', bearer).send({ set: 3 }).expect(200);
    expect(retried.body).toMatchObject({ stock: 3 });
    expect(await stockOf(product.id)).toBe(3);
  });
});
