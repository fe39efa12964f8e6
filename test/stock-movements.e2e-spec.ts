import request from 'supertest';
import { Product } from '../src/catalog/product.entity';
import type { ProductAdminView } from '../src/catalog/product.views';
import type { StockMovementView } from '../src/catalog/stock-movement.views';
import type { Page } from '../src/common/pagination/cursor';
import type { Problem } from '../src/common/errors/problem';
import type { Facility } from '../src/facilities/facility.entity';
import { OrderExpiryService } from '../src/orders/order-expiry.service';
import { makeFacility, MadeUser, signedInAs, Tokens } from './support/factories';
import { placeOrder } from './support/order-factories';
import { startTestApp, TestApp } from './support/test-app';

type SignedIn = MadeUser & Tokens & { bearer: string };

const PRODUCTS = '/api/v1/admin/products';
const ADMIN_ORDERS = '/api/v1/admin/orders';

/**
 * Issue 13: the catalog's stock port writes every change of a product's stock with a movement
 * row (reason, order, admin), so the stock is always the sum of its movements.
 */
describe('stock movements', () => {
  let t: TestApp;
  let facility: Facility;
  let other: Facility;
  let admin: SignedIn;
  let otherAdmin: SignedIn;
  let superadmin: SignedIn;

  beforeAll(async () => {
    t = await startTestApp();
    facility = await makeFacility(t.dataSource, { pickupAvailable: true });
    other = await makeFacility(t.dataSource);
    admin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility });
    otherAdmin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: other });
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
  });
  afterAll(() => t.close());

  const movements = async (who: SignedIn, productId: string): Promise<StockMovementView[]> =>
    ((await request(t.http).get(`${PRODUCTS}/${productId}/stock-movements`).query({ limit: '100' }).set('Authorization', who.bearer).expect(200)).body as Page<StockMovementView>).data;
  const stockAndSales = async (productId: string): Promise<{ stock: number; sales_count: number; moved: number }> => {
    const [row] = await t.dataSource.query<{ stock: number; sales_count: number; moved: number }[]>(
      'SELECT stock, sales_count, (SELECT coalesce(sum(delta), 0)::int FROM stock_movement WHERE product_id = p.id) AS moved FROM product p WHERE id = $1',
      [productId],
    );
    if (!row) throw new Error('no product');
    return row;
  };

  it('records every change, oldest last, with its reason, order and admin; the stock is the sum of the movements', async () => {
    const created = (
      await request(t.http)
        .post(PRODUCTS)
        .set('Authorization', admin.bearer)
        .send({ category: 'kerajinan', program: 'PEMBINAAN_KEMANDIRIAN', kind: 'GOODS', name: 'Tas Purun', price: 100_000, stock: 10, weightGrams: 300, status: 'PUBLISHED' })
        .expect(201)
    ).body as ProductAdminView;
    expect(created.stock).toBe(10);
    await request(t.http).patch(`${PRODUCTS}/${created.id}/stock`).set('Authorization', admin.bearer).send({ delta: -3, reason: 'rusak kena air' }).expect(200);
    const product = await t.dataSource.getRepository(Product).findOneByOrFail({ id: created.id });

    // Reserved, then cancelled by the shopper: released.
    const cancelled = await placeOrder(t.http, [{ product: product, quantity: 2 }], { method: 'PICKUP' });
    await request(t.http).post(`/api/v1/orders/${cancelled.number}/cancel`).set('X-Order-Token', cancelled.accessToken).send({}).expect(200);
    // Reserved, paid (committed), then refunded with restock (returned).
    const paid = await placeOrder(t.http, [{ product: product, quantity: 1 }], { method: 'PICKUP', email: 'budi@example.com' });
    await request(t.http).post(`${ADMIN_ORDERS}/${paid.id}/confirm-payment`).set('Authorization', superadmin.bearer).expect(200);
    await request(t.http).post(`${ADMIN_ORDERS}/${paid.id}/refund`).set('Authorization', superadmin.bearer).send({ reason: 'barang cacat', restock: true }).expect(200);
    // Reserved and left unpaid past its expiry: released by the sweep.
    const expired = await placeOrder(t.http, [{ product: product, quantity: 4 }], { method: 'PICKUP', email: 'rina@example.com' });
    await t.dataSource.query(`UPDATE shop_order SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]);
    expect(await t.app.get(OrderExpiryService).expireDue()).toBe(1);

    const rows = await movements(admin, created.id);
    expect(rows.map(({ reason, delta, quantity, orderId, actorId, note }) => ({ reason, delta, quantity, orderId, actorId, note })).reverse()).toEqual([
      { reason: 'ADJUST', delta: 10, quantity: 10, orderId: null, actorId: admin.user.id, note: 'initial stock' },
      { reason: 'ADJUST', delta: -3, quantity: 3, orderId: null, actorId: admin.user.id, note: 'rusak kena air' },
      { reason: 'RESERVE', delta: -2, quantity: 2, orderId: cancelled.id, actorId: null, note: null },
      { reason: 'RELEASE', delta: 2, quantity: 2, orderId: cancelled.id, actorId: null, note: null },
      { reason: 'RESERVE', delta: -1, quantity: 1, orderId: paid.id, actorId: null, note: null },
      { reason: 'COMMIT', delta: 0, quantity: 1, orderId: paid.id, actorId: null, note: null },
      { reason: 'RETURN', delta: 1, quantity: 1, orderId: paid.id, actorId: superadmin.user.id, note: 'barang cacat' },
      { reason: 'RESERVE', delta: -4, quantity: 4, orderId: expired.id, actorId: null, note: null },
      { reason: 'RELEASE', delta: 4, quantity: 4, orderId: expired.id, actorId: null, note: null },
    ]);
    expect(await stockAndSales(created.id)).toEqual({ stock: 7, sales_count: 1, moved: 7 });
  });

  it('adjusts through the port on a product edit, and refuses a change below zero without a movement', async () => {
    const created = (
      await request(t.http)
        .post(PRODUCTS)
        .set('Authorization', admin.bearer)
        .send({ category: 'kerajinan', program: 'PEMBINAAN_KEMANDIRIAN', kind: 'GOODS', name: 'Kursi Rotan', price: 300_000, weightGrams: 3000 })
        .expect(201)
    ).body as ProductAdminView;
    expect(created.stock).toBe(0);
    await request(t.http).patch(`${PRODUCTS}/${created.id}`).set('Authorization', admin.bearer).send({ stock: 4, name: 'Kursi Rotan Jati' }).expect(200);
    const refused = await request(t.http).patch(`${PRODUCTS}/${created.id}/stock`).set('Authorization', admin.bearer).send({ delta: -5 });
    expect({ status: refused.status, code: (refused.body as Problem).code }).toEqual({ status: 409, code: 'CONFLICT' });
    const rows = await movements(superadmin, created.id);
    expect(rows.map(({ reason, delta, note }) => ({ reason, delta, note }))).toEqual([{ reason: 'ADJUST', delta: 4, note: 'product edit' }]);
    expect(await stockAndSales(created.id)).toEqual({ stock: 4, sales_count: 0, moved: 4 });
  });

  it("answers 404 for another facility's product movements", async () => {
    const [row] = await t.dataSource.query<{ id: string }[]>('SELECT id FROM product WHERE facility_id = $1 LIMIT 1', [facility.id]);
    const response = await request(t.http).get(`${PRODUCTS}/${row?.id ?? ''}/stock-movements`).set('Authorization', otherAdmin.bearer);
    expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status: 404, code: 'NOT_FOUND' });
  });
});
