import request from 'supertest';
import type { Product } from '../src/catalog/product.entity';
import type { Problem } from '../src/common/errors/problem';
import type { Facility } from '../src/facilities/facility.entity';
import type { PnbpReportView, SalesReportView } from '../src/impact/report.views';
import type { CreatedOrderView } from '../src/orders/order.views';
import { category, makeProduct } from './support/catalog-factories';
import { parseCsv } from './support/csv-parse';
import { makeFacility, signedInAs } from './support/factories';
import { placeOrder } from './support/order-factories';
import { issuePartnerKey } from './support/partner-factories';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

const REPORTS = '/api/v1/admin/reports';

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status, code });
  return response.body as Problem;
}

/** Issue 13, bug 6: a sale counts where it was made, whatever the product becomes afterwards. */
describe('order lines keep the programme and category they were sold under', () => {
  let t: TestApp;
  let superadmin: { bearer: string };
  let facility: Facility;
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date()).slice(0, 7);
  const period = { from: '2026-01-01', to: '2027-12-31' };

  const admin = (method: 'get' | 'post' | 'patch' | 'delete', path: string): request.Test => request(t.http)[method](path).set('Authorization', superadmin.bearer);
  const sellAndPay = async (product: Product, quantity: number): Promise<CreatedOrderView> => {
    const order = await placeOrder(t.http, [{ product, quantity }], { method: 'PICKUP' });
    await admin('post', `/api/v1/admin/orders/${order.id}/confirm-payment`).expect(200);
    return order;
  };
  const sales = async (query: Record<string, string>): Promise<SalesReportView> =>
    (await admin('get', `${REPORTS}/sales`).query({ ...period, facilityId: facility.id, ...query }).expect(200)).body as SalesReportView;

  beforeAll(async () => {
    t = await startTestApp();
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
    facility = await makeFacility(t.dataSource, { pickupAvailable: true });
  });
  afterAll(() => t.close());

  it('reports a sale under the programme and category it was made in after the product moves, in JSON, CSV and the PNBP filing', async () => {
    const kerajinan = await category(t.dataSource, 'kerajinan');
    const product = await makeProduct(t.dataSource, facility, { program: 'PEMBINAAN_KEMANDIRIAN', categorySlug: 'kerajinan', price: 30_000, unitCost: 10_000, stock: 20 });
    const first = await sellAndPay(product, 2);
    const [line] = await t.dataSource.query<{ program: string; category_id: string }[]>('SELECT program, category_id FROM order_item WHERE order_id = $1', [first.id]);
    expect(line).toEqual({ program: 'PEMBINAAN_KEMANDIRIAN', category_id: kerajinan.id });

    await admin('patch', `/api/v1/admin/products/${product.id}`).send({ program: 'UMKM', category: 'batik' }).expect(200);
    await sellAndPay(product, 1);
    // A refund after the move counts against the programme of the sale it refunds.
    const [firstLine] = await t.dataSource.query<{ id: string }[]>('SELECT id FROM order_item WHERE order_id = $1', [first.id]);
    await admin('post', `/api/v1/admin/orders/${first.id}/refund`).send({ reason: 'Satu rusak', items: [{ orderItemId: firstLine?.id, quantity: 1 }] }).expect(200);

    const byProgram = await sales({ groupBy: 'program' });
    expect(byProgram.data.map((row) => [row.program, row.items, row.gross, row.refunds])).toEqual([
      ['PEMBINAAN_KEMANDIRIAN', 1, 60_000, 30_000],
      ['UMKM', 1, 30_000, 0],
    ]);
    const byCategory = await sales({ groupBy: 'category' });
    expect(byCategory.data.map((row) => [row.categorySlug, row.items])).toEqual([
      ['batik', 1],
      ['kerajinan', 1],
    ]);
    const byBoth = await sales({ groupBy: 'program,category' });
    expect(byBoth.data.map((row) => [row.program, row.categorySlug, row.items])).toEqual([
      ['PEMBINAAN_KEMANDIRIAN', 'kerajinan', 1],
      ['UMKM', 'batik', 1],
    ]);

    const csv = await admin('get', `${REPORTS}/sales`).query({ ...period, facilityId: facility.id, groupBy: 'program' }).set('Accept', 'text/csv').expect(200);
    const [header, ...rows] = parseCsv(csv.text, ',');
    const column = (name: string): number => header?.indexOf(name) ?? -1;
    expect(rows.filter((row) => row.length > 1).map((row) => [row[column('program')], row[column('items')]])).toEqual([
      ['PEMBINAAN_KEMANDIRIAN', '1'],
      ['UMKM', '1'],
    ]);

    const pnbp = (await admin('get', `${REPORTS}/pnbp`).query({ facilityId: facility.id, month }).expect(200)).body as PnbpReportView;
    const lines = pnbp.lines.filter((l) => l.productId === product.id);
    expect(lines.map((l) => [l.program, l.items, l.refunds])).toEqual([
      ['PEMBINAAN_KEMANDIRIAN', 1, 30_000],
      ['UMKM', 1, 0],
    ]);
    expect(pnbp.lines.reduce((total, l) => total + l.pnbp, 0)).toBe(pnbp.totals.pnbp);
  });

  it('keeps a category that has sales on record: deleting it is a conflict, and the report still names it', async () => {
    const created = (await admin('post', '/api/v1/admin/categories').send({ name: 'Lukisan Kaca', parentSlug: 'kerajinan' }).expect(201)).body as { slug: string };
    const product = await makeProduct(t.dataSource, facility, { categorySlug: created.slug, price: 75_000, stock: 5 });
    await sellAndPay(product, 1);
    await admin('patch', `/api/v1/admin/products/${product.id}`).send({ category: 'kerajinan' }).expect(200);

    expectProblem(await admin('delete', `/api/v1/admin/categories/${created.slug}`), 409, 'CONFLICT');
    const byCategory = await sales({ groupBy: 'category' });
    expect(byCategory.data.find((row) => row.categorySlug === created.slug)).toMatchObject({ categoryName: 'Lukisan Kaca', items: 1 });
  });

  it('refuses an order naming a partner that does not exist, and deleting a partner that has orders', async () => {
    const partner = await issuePartnerKey(t.http, superadmin.bearer);
    const product = await makeProduct(t.dataSource, facility, { stock: 5 });
    const placed = await request(t.http)
      .post('/api/v1/orders')
      .set('X-Api-Key', partner.key)
      .set('Idempotency-Key', 'snapshot-fk-1')
      .send({ items: [{ productId: product.id, quantity: 1 }], customer: { name: 'Rina Wulandari', email: 'rina@example.com', phone: '+62 813 1111 2222' }, delivery: { method: 'PICKUP' } })
      .expect(201);
    const orderId = (placed.body as CreatedOrderView).id;
    const foreignKeyViolation = { driverError: expect.objectContaining({ code: '23503' }) as unknown };

    await expect(t.dataSource.query('UPDATE shop_order SET partner_id = gen_random_uuid() WHERE id = $1', [orderId])).rejects.toMatchObject(foreignKeyViolation);
    // PostgreSQL 18 reports a delete blocked by ON DELETE RESTRICT as 23001 (restrict_violation), 15-17 as 23503.
    const referenced = { driverError: expect.objectContaining({ code: expect.stringMatching(/^(23503|23001)$/) as unknown }) as unknown };
    await expect(t.dataSource.query('DELETE FROM partner WHERE id = $1', [partner.partnerId])).rejects.toMatchObject(referenced);
    const [row] = await t.dataSource.query<{ partner_id: string }[]>('SELECT partner_id FROM shop_order WHERE id = $1', [orderId]);
    expect(row?.partner_id).toBe(partner.partnerId);
  });
});
