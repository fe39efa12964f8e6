import request from 'supertest';
import type { AuditEventView } from '../src/audit/audit-event.view';
import type { Product } from '../src/catalog/product.entity';
import type { Problem } from '../src/common/errors/problem';
import type { Page } from '../src/common/pagination/cursor';
import type { Facility } from '../src/facilities/facility.entity';
import type { OrderAdminSummaryView, OrderAdminView } from '../src/orders/order-admin.views';
import type { CreatedOrderView } from '../src/orders/order.views';
import { makeProduct } from './support/catalog-factories';
import { makeFacility, MadeUser, signedInAs, Tokens } from './support/factories';
import { placeOrder, TEST_ADDRESS } from './support/order-factories';
import { startTestApp, TestApp } from './support/test-app';

type SignedIn = MadeUser & Tokens & { bearer: string };

const ORDERS = '/api/v1/admin/orders';
const FULFILMENTS = '/api/v1/admin/fulfilments';
const MISSING = '00000000-0000-4000-8000-000000000000';

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return response.body as Problem;
}

describe('admin orders and fulfilments', () => {
  let t: TestApp;
  let banjarmasin: Facility;
  let kotabaru: Facility;
  let kerobokan: Facility;
  let banjarmasinAdmin: SignedIn;
  let kotabaruAdmin: SignedIn;
  let kerobokanAdmin: SignedIn;
  let kalselRegional: SignedIn;
  let baliRegional: SignedIn;
  let superadmin: SignedIn;
  let tas: Product;
  let kursi: Product;
  let ukiran: Product;

  const get = (who: SignedIn, path: string): request.Test => request(t.http).get(path).set('Authorization', who.bearer);
  const ship = (who: SignedIn, fulfilmentId: string, body: Record<string, unknown> = { courier: 'JNE', trackingNumber: 'JNE-0012345678' }): request.Test =>
    request(t.http).post(`${FULFILMENTS}/${fulfilmentId}/ship`).set('Authorization', who.bearer).send(body);
  const deliver = (who: SignedIn, fulfilmentId: string): request.Test =>
    request(t.http).post(`${FULFILMENTS}/${fulfilmentId}/deliver`).set('Authorization', who.bearer).send({});
  const fulfilmentAt = (order: CreatedOrderView, facility: Facility): string => {
    const found = order.fulfilments.find((f) => f.facility.id === facility.id);
    if (!found) throw new Error(`Order ${order.number} has no fulfilment at ${facility.name}`);
    return found.id;
  };
  const paidOrder = async (lines: Parameters<typeof placeOrder>[1], method: 'SHIPPING' | 'PICKUP' = 'SHIPPING'): Promise<CreatedOrderView> => {
    const order = await placeOrder(t.http, lines, { method });
    await request(t.http).post(`/api/v1/admin/orders/${order.id}/confirm-payment`).set('Authorization', superadmin.bearer).expect(200);
    return order;
  };
  /** Every order the admin can list under `query`, following the cursors. */
  const listAll = async (who: SignedIn, query: string, limit = 100): Promise<OrderAdminSummaryView[]> => {
    const seen: OrderAdminSummaryView[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<OrderAdminSummaryView> = (
        await get(who, `${ORDERS}?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`).expect(200)
      ).body as Page<OrderAdminSummaryView>;
      seen.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  };

  beforeAll(async () => {
    t = await startTestApp();
    banjarmasin = await makeFacility(t.dataSource, { shortName: 'Lapas Banjarmasin', couriers: ['JNE', 'SICEPAT'] });
    kotabaru = await makeFacility(t.dataSource, { shortName: 'Lapas Kotabaru', couriers: ['JNE'], pickupAvailable: true });
    kerobokan = await makeFacility(t.dataSource, { provinceCode: '51', shortName: 'Lapas Kerobokan', couriers: ['POS'] });
    banjarmasinAdmin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: banjarmasin });
    kotabaruAdmin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: kotabaru });
    kerobokanAdmin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: kerobokan });
    kalselRegional = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: banjarmasin.kanwilId });
    baliRegional = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: kerobokan.kanwilId });
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
    tas = await makeProduct(t.dataSource, banjarmasin, { name: 'Tas Purun Banjarmasin', price: 150_000, weightGrams: 700, stock: 500 });
    kursi = await makeProduct(t.dataSource, kotabaru, { name: 'Kursi Rotan Kotabaru', price: 450_000, weightGrams: 2_500, stock: 500 });
    ukiran = await makeProduct(t.dataSource, kerobokan, { name: 'Ukiran Kayu Kerobokan', price: 300_000, weightGrams: 1_000, stock: 500 });
  });
  afterAll(() => t.close());

  describe('reading orders', () => {
    let both: CreatedOrderView;
    let onlyBanjarmasin: CreatedOrderView;
    let onlyKotabaru: CreatedOrderView;
    let onlyKerobokan: CreatedOrderView;

    beforeAll(async () => {
      both = await placeOrder(t.http, [tas, kursi], { email: 'both@example.com' });
      onlyBanjarmasin = await placeOrder(t.http, [tas], { email: 'banjar@example.com' });
      onlyKotabaru = await placeOrder(t.http, [kursi], { email: 'kotabaru@example.com' });
      onlyKerobokan = await placeOrder(t.http, [ukiran], { email: 'bali@example.com' });
    });

    it('shows a facility admin only its own fulfilment and lines of a two-facility order, with what shipping needs', async () => {
      const seen = (await get(banjarmasinAdmin, `${ORDERS}/${both.id}`).expect(200)).body as OrderAdminView;
      expect(seen.partial).toBe(true);
      expect(seen.fulfilments.map((f) => f.facility.id)).toEqual([banjarmasin.id]);
      expect(seen.items.map((i) => i.productId)).toEqual([tas.id]);
      expect(seen.customer).toEqual({ name: 'Siti Rahmawati', phone: '+62 812 3456 7890', email: null });
      expect(seen.delivery).toEqual({ method: 'SHIPPING', address: TEST_ADDRESS });
      const banjarmasinFee = both.fulfilments.find((f) => f.facility.id === banjarmasin.id)?.shippingFee ?? -1;
      expect(seen.amounts).toEqual({ subtotal: 150_000, shippingTotal: banjarmasinFee, total: 150_000 + banjarmasinFee });
      const text = JSON.stringify(seen);
      for (const foreign of [kotabaru.id, kursi.id, kursi.name, fulfilmentAt(both, kotabaru), 'both@example.com']) expect(text).not.toContain(foreign);

      const other = (await get(kotabaruAdmin, `${ORDERS}/${both.id}`).expect(200)).body as OrderAdminView;
      expect(other.fulfilments.map((f) => f.facility.id)).toEqual([kotabaru.id]);
      expect(other.items.map((i) => i.productId)).toEqual([kursi.id]);
      const otherText = JSON.stringify(other);
      for (const foreign of [banjarmasin.id, tas.id, tas.name, fulfilmentAt(both, banjarmasin)]) expect(otherText).not.toContain(foreign);
    });

    it('shows a regional admin its Kanwil fulfilments and the superadmin everything, with the history', async () => {
      const regional = (await get(kalselRegional, `${ORDERS}/${both.id}`).expect(200)).body as OrderAdminView;
      expect(regional.partial).toBe(false);
      expect(regional.fulfilments).toHaveLength(2);
      expect(regional.items).toHaveLength(2);
      expect(regional.customer.email).toBe('both@example.com');
      expect(regional.amounts).toEqual({ subtotal: both.subtotal, shippingTotal: both.shippingTotal, total: both.total });

      const national = (await get(superadmin, `${ORDERS}/${onlyKerobokan.id}`).expect(200)).body as OrderAdminView;
      expect(national).toMatchObject({ id: onlyKerobokan.id, number: onlyKerobokan.number, status: 'PENDING_PAYMENT', partial: false, currency: 'IDR' });
      expect(national.fulfilments.map((f) => f.facility.id)).toEqual([kerobokan.id]);
      expect(national.history.map((h) => h.toStatus)).toContain('PENDING_PAYMENT');
    });

    it('answers 404 for an order outside the facility or Kanwil, and for an unknown one', async () => {
      expectProblem(await get(kerobokanAdmin, `${ORDERS}/${both.id}`), 404, 'NOT_FOUND');
      expectProblem(await get(banjarmasinAdmin, `${ORDERS}/${onlyKotabaru.id}`), 404, 'NOT_FOUND');
      expectProblem(await get(baliRegional, `${ORDERS}/${onlyBanjarmasin.id}`), 404, 'NOT_FOUND');
      expectProblem(await get(kalselRegional, `${ORDERS}/${onlyKerobokan.id}`), 404, 'NOT_FOUND');
      expectProblem(await get(superadmin, `${ORDERS}/${MISSING}`), 404, 'NOT_FOUND');
      expectProblem(await get(superadmin, `${ORDERS}/not-a-uuid`), 400, 'VALIDATION_FAILED');
    });

    it('lists for each role only the orders with a fulfilment in scope, newest first', async () => {
      const ids = async (who: SignedIn): Promise<Set<string>> => new Set((await listAll(who, '')).map((o) => o.id));
      const mine = [both.id, onlyBanjarmasin.id, onlyKotabaru.id, onlyKerobokan.id];
      const pick = (set: Set<string>): string[] => mine.filter((id) => set.has(id));
      expect(pick(await ids(banjarmasinAdmin))).toEqual([both.id, onlyBanjarmasin.id]);
      expect(pick(await ids(kotabaruAdmin))).toEqual([both.id, onlyKotabaru.id]);
      expect(pick(await ids(kerobokanAdmin))).toEqual([onlyKerobokan.id]);
      expect(pick(await ids(kalselRegional))).toEqual([both.id, onlyBanjarmasin.id, onlyKotabaru.id]);
      expect(pick(await ids(baliRegional))).toEqual([onlyKerobokan.id]);
      expect(pick(await ids(superadmin))).toEqual(mine);

      const national = await listAll(superadmin, '');
      const times = national.map((o) => new Date(o.createdAt).getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));

      const summary = (await listAll(banjarmasinAdmin, '')).find((o) => o.id === both.id);
      expect(summary?.partial).toBe(true);
      expect(summary?.fulfilments.map((f) => f.facility.id)).toEqual([banjarmasin.id]);
      expect(JSON.stringify(summary)).not.toContain(kotabaru.id);
    });

    it('filters by status, facility, creation time and number or email', async () => {
      const paid = await paidOrder([tas]);
      const byStatus = await listAll(superadmin, '&status=PAID');
      expect(byStatus.map((o) => o.id)).toContain(paid.id);
      expect(byStatus.every((o) => o.status === 'PAID')).toBe(true);

      const atKerobokan = await listAll(superadmin, `&facilityId=${kerobokan.id}`);
      expect(atKerobokan.map((o) => o.id)).toContain(onlyKerobokan.id);
      expect(atKerobokan.every((o) => o.fulfilments.some((f) => f.facility.id === kerobokan.id))).toBe(true);
      // A facility outside the scope filters to nothing rather than hinting what else it ships.
      expect(await listAll(banjarmasinAdmin, `&facilityId=${kotabaru.id}`)).toEqual([]);

      expect((await listAll(superadmin, `&q=${both.number}`)).map((o) => o.id)).toEqual([both.id]);
      expect((await listAll(superadmin, `&q=${both.number.toLowerCase()}`)).map((o) => o.id)).toEqual([both.id]);
      expect((await listAll(superadmin, '&q=BALI@example')).map((o) => o.id)).toEqual([onlyKerobokan.id]);
      expect((await listAll(kalselRegional, '&q=bali@example.com')).map((o) => o.id)).toEqual([]);
      expect((await listAll(banjarmasinAdmin, '&q=banjar@example.com')).map((o) => o.id)).toEqual([]);
      expect((await listAll(banjarmasinAdmin, `&q=${onlyBanjarmasin.number}`)).map((o) => o.id)).toEqual([onlyBanjarmasin.id]);
      expect(await listAll(superadmin, '&q=100%25')).toEqual([]);

      const future = new Date(Date.now() + 3_600_000).toISOString();
      expect(await listAll(superadmin, `&from=${encodeURIComponent(future)}`)).toEqual([]);
      const before = await listAll(superadmin, `&to=${encodeURIComponent(both.createdAt)}`);
      expect(before.map((o) => o.id)).not.toContain(both.id);
      expect((await listAll(superadmin, `&from=${encodeURIComponent(both.createdAt)}`)).map((o) => o.id)).toContain(both.id);

      expectProblem(await get(superadmin, `${ORDERS}?status=SHIPPED`), 400, 'VALIDATION_FAILED');
      expectProblem(await get(superadmin, `${ORDERS}?cursor=nonsense`), 400, 'VALIDATION_FAILED');
    });

    it('filters by the status of a fulfilment in scope, so a facility sees what it has to pack and ship', async () => {
      const toPack = await paidOrder([{ product: tas, quantity: 3 }, kursi]);
      const shipped = await paidOrder([tas]);
      await ship(banjarmasinAdmin, fulfilmentAt(shipped, banjarmasin)).expect(200);
      // Kotabaru ships its part of a shared order; Banjarmasin's part of it is still to pack.
      const shared = await paidOrder([tas, kursi]);
      await ship(kotabaruAdmin, fulfilmentAt(shared, kotabaru)).expect(200);
      const ids = (orders: OrderAdminSummaryView[]): string[] => orders.map((o) => o.id);

      const banjarmasinToPack = await listAll(banjarmasinAdmin, '&fulfilmentStatus=PROCESSING');
      expect(ids(banjarmasinToPack)).toEqual(expect.arrayContaining([toPack.id, shared.id]));
      expect(ids(banjarmasinToPack)).not.toContain(shipped.id);
      expect(banjarmasinToPack.every((o) => o.fulfilments.some((f) => f.status === 'PROCESSING'))).toBe(true);
      // The pieces Banjarmasin packs, not Kotabaru's chair.
      expect(banjarmasinToPack.find((o) => o.id === toPack.id)?.itemCount).toBe(3);
      const banjarmasinShipped = await listAll(banjarmasinAdmin, '&fulfilmentStatus=SHIPPED');
      expect(ids(banjarmasinShipped)).toContain(shipped.id);
      expect(ids(banjarmasinShipped)).not.toContain(shared.id);
      expect(ids(await listAll(kotabaruAdmin, '&fulfilmentStatus=SHIPPED'))).toContain(shared.id);
      expect(ids(await listAll(kotabaruAdmin, '&fulfilmentStatus=PROCESSING'))).not.toContain(shared.id);

      // Another facility's admin sees none of them, whatever it filters by; the Kanwil sees both parts.
      for (const status of ['PROCESSING', 'SHIPPED', 'PENDING']) {
        const foreign = ids(await listAll(kerobokanAdmin, `&fulfilmentStatus=${status}`));
        for (const order of [toPack, shipped, shared]) expect(foreign).not.toContain(order.id);
      }
      expect(ids(await listAll(kalselRegional, '&fulfilmentStatus=PROCESSING'))).toEqual(expect.arrayContaining([toPack.id, shared.id]));
      expect(ids(await listAll(kalselRegional, `&fulfilmentStatus=PROCESSING&facilityId=${kotabaru.id}`))).not.toContain(shared.id);
      expect(ids(await listAll(baliRegional, '&fulfilmentStatus=PROCESSING'))).not.toContain(toPack.id);

      expectProblem(await get(banjarmasinAdmin, `${ORDERS}?fulfilmentStatus=PACKED`), 400, 'VALIDATION_FAILED');
    });

    it('pages by cursor through orders of the same instant, each once', async () => {
      const placed: string[] = [];
      for (let i = 0; i < 5; i += 1) placed.push((await placeOrder(t.http, [tas], { email: 'paging@example.com' })).id);
      // Same timestamp, microseconds included: only the id tells them apart.
      await t.dataSource.query(`UPDATE shop_order SET created_at = '2026-01-01T00:00:00.123456Z' WHERE id = ANY($1)`, [placed.slice(0, 4)]);
      const everything = await listAll(superadmin, '&q=paging@', 2);
      expect(everything.map((o) => o.id).sort()).toEqual([...placed].sort());
      expect(new Set(everything.map((o) => o.id)).size).toBe(placed.length);
      expect(everything[0]?.id).toBe(placed[4]);
      const rest = everything.slice(1).map((o) => o.id);
      expect(rest).toEqual([...rest].sort().reverse());
    });
  });

  describe('shipping', () => {
    it('ships a paid order with a courier the facility offers, recording history, outbox and audit', async () => {
      const order = await paidOrder([tas]);
      const fulfilmentId = fulfilmentAt(order, banjarmasin);
      const shipped = (await ship(banjarmasinAdmin, fulfilmentId, { courier: 'SICEPAT', trackingNumber: 'SCP-00123456' }).expect(200)).body as OrderAdminView;
      expect(shipped.status).toBe('PAID');
      expect(shipped.fulfilments[0]).toMatchObject({ id: fulfilmentId, status: 'SHIPPED', courier: 'SICEPAT', trackingNumber: 'SCP-00123456' });
      expect(shipped.fulfilments[0]?.shippedAt).not.toBeNull();
      expect(shipped.history.filter((h) => h.fulfilmentId === fulfilmentId).map((h) => [h.fromStatus, h.toStatus, h.actorType, h.actorId])).toEqual([
        ['PENDING', 'PROCESSING', 'ADMIN', superadmin.user.id],
        ['PROCESSING', 'SHIPPED', 'ADMIN', banjarmasinAdmin.user.id],
      ]);

      const outbox = await t.dataSource.query<{ type: string; payload: Record<string, unknown> }[]>(
        'SELECT type, payload FROM outbox_event WHERE aggregate_id = $1',
        [fulfilmentId],
      );
      expect(outbox).toEqual([{ type: 'fulfilment.shipped', payload: expect.objectContaining({ orderId: order.id, courier: 'SICEPAT', trackingNumber: 'SCP-00123456' }) as unknown }]);

      const audit = (await get(banjarmasinAdmin, `/api/v1/admin/audit-events?entityId=${fulfilmentId}`).expect(200)).body as Page<AuditEventView>;
      expect(audit.data).toHaveLength(1);
      expect(audit.data[0]).toMatchObject({ action: 'fulfilment.ship', entityType: 'fulfilment', actorId: banjarmasinAdmin.user.id, facilityId: banjarmasin.id, kanwilId: banjarmasin.kanwilId });
      expect(audit.data[0]?.changes.status).toEqual({ from: 'PROCESSING', to: 'SHIPPED' });
    });

    it('takes a PENDING fulfilment of a paid order through PROCESSING, recording both steps', async () => {
      const order = await paidOrder([tas]);
      const fulfilmentId = fulfilmentAt(order, banjarmasin);
      await t.dataSource.query(`UPDATE fulfilment SET status = 'PENDING' WHERE id = $1`, [fulfilmentId]);
      const shipped = (await ship(kalselRegional, fulfilmentId).expect(200)).body as OrderAdminView;
      expect(shipped.history.filter((h) => h.fulfilmentId === fulfilmentId).map((h) => [h.fromStatus, h.toStatus])).toEqual([
        ['PENDING', 'PROCESSING'], // payment confirmed
        ['PENDING', 'PROCESSING'], // the ship step, from the PENDING the test put it back to
        ['PROCESSING', 'SHIPPED'],
      ]);
    });

    it('refuses a courier the facility does not offer and a malformed resi', async () => {
      const order = await paidOrder([tas]);
      const fulfilmentId = fulfilmentAt(order, banjarmasin);
      const problem = expectProblem(await ship(banjarmasinAdmin, fulfilmentId, { courier: 'POS', trackingNumber: 'POS-123456' }), 400, 'VALIDATION_FAILED');
      expect(problem.detail).toContain('JNE, SICEPAT');
      for (const trackingNumber of ['ABC', 'A'.repeat(41), 'JNE 123456', 'JNE_123456', '']) {
        expectProblem(await ship(banjarmasinAdmin, fulfilmentId, { courier: 'JNE', trackingNumber }), 400, 'VALIDATION_FAILED');
      }
      expectProblem(await ship(banjarmasinAdmin, fulfilmentId, { courier: 'GOJEK', trackingNumber: 'GJK-123456' }), 400, 'VALIDATION_FAILED');
      expectProblem(await ship(banjarmasinAdmin, fulfilmentId, { courier: 'JNE' }), 400, 'VALIDATION_FAILED');
      const [row] = await t.dataSource.query<{ status: string }[]>('SELECT status FROM fulfilment WHERE id = $1', [fulfilmentId]);
      expect(row?.status).toBe('PROCESSING');
      await ship(banjarmasinAdmin, fulfilmentId, { courier: 'JNE', trackingNumber: 'A'.repeat(40) }).expect(200);
    });

    it('refuses an unpaid order, a pickup and a second shipment with 409', async () => {
      const unpaid = await placeOrder(t.http, [tas]);
      expectProblem(await ship(banjarmasinAdmin, fulfilmentAt(unpaid, banjarmasin)), 409, 'INVALID_STATE');

      const pickup = await paidOrder([kursi], 'PICKUP');
      const problem = expectProblem(await ship(kotabaruAdmin, fulfilmentAt(pickup, kotabaru)), 409, 'INVALID_STATE');
      expect(problem.detail).toContain('deliver');

      const order = await paidOrder([tas]);
      await ship(banjarmasinAdmin, fulfilmentAt(order, banjarmasin)).expect(200);
      expectProblem(await ship(banjarmasinAdmin, fulfilmentAt(order, banjarmasin)), 409, 'INVALID_STATE');
    });

    it('answers 404 for a fulfilment of another facility or Kanwil, or none at all', async () => {
      const order = await paidOrder([tas, kursi]);
      expectProblem(await ship(kotabaruAdmin, fulfilmentAt(order, banjarmasin)), 404, 'NOT_FOUND');
      expectProblem(await ship(baliRegional, fulfilmentAt(order, banjarmasin)), 404, 'NOT_FOUND');
      expectProblem(await ship(superadmin, MISSING), 404, 'NOT_FOUND');
      expectProblem(await deliver(kerobokanAdmin, fulfilmentAt(order, kotabaru)), 404, 'NOT_FOUND');
      expectProblem(await deliver(baliRegional, fulfilmentAt(order, kotabaru)), 404, 'NOT_FOUND');
      const rows = await t.dataSource.query<{ status: string }[]>('SELECT status FROM fulfilment WHERE order_id = $1', [order.id]);
      expect(rows.map((r) => r.status)).toEqual(['PROCESSING', 'PROCESSING']);
    });
  });

  describe('delivering', () => {
    it('completes the order when both fulfilments are delivered, with history and outbox events', async () => {
      const order = await paidOrder([tas, kursi]);
      const atBanjarmasin = fulfilmentAt(order, banjarmasin);
      const atKotabaru = fulfilmentAt(order, kotabaru);

      await ship(banjarmasinAdmin, atBanjarmasin).expect(200);
      const first = (await deliver(banjarmasinAdmin, atBanjarmasin).expect(200)).body as OrderAdminView;
      expect(first.status).toBe('PAID');
      expect(first.fulfilments.map((f) => f.status)).toEqual(['DELIVERED']);
      expect(first.fulfilments[0]?.deliveredAt).not.toBeNull();

      await ship(kotabaruAdmin, atKotabaru, { courier: 'JNE', trackingNumber: 'JNE-99887766' }).expect(200);
      const second = (await deliver(kotabaruAdmin, atKotabaru).expect(200)).body as OrderAdminView;
      expect(second.status).toBe('COMPLETED');
      // The kotabaru admin sees the order's completion but not the other facility's steps.
      expect(second.history.every((h) => h.fulfilmentId === null || h.fulfilmentId === atKotabaru)).toBe(true);

      const full = (await get(superadmin, `${ORDERS}/${order.id}`).expect(200)).body as OrderAdminView;
      expect(full.history.map((h) => [h.fulfilmentId, h.fromStatus, h.toStatus])).toEqual(
        expect.arrayContaining([
          [atBanjarmasin, 'PROCESSING', 'SHIPPED'],
          [atBanjarmasin, 'SHIPPED', 'DELIVERED'],
          [atKotabaru, 'PROCESSING', 'SHIPPED'],
          [atKotabaru, 'SHIPPED', 'DELIVERED'],
          [null, 'PAID', 'COMPLETED'],
        ]),
      );
      expect(full.history.at(-1)).toMatchObject({ fulfilmentId: null, toStatus: 'COMPLETED', actorType: 'ADMIN', actorId: kotabaruAdmin.user.id });

      const outbox = await t.dataSource.query<{ type: string }[]>(
        `SELECT type FROM outbox_event WHERE aggregate_id = ANY($1) AND type <> 'order.created' ORDER BY type`,
        [[order.id, atBanjarmasin, atKotabaru]],
      );
      expect(outbox.map((e) => e.type)).toEqual(['fulfilment.delivered', 'fulfilment.delivered', 'fulfilment.shipped', 'fulfilment.shipped', 'order.completed', 'order.paid']);

      const audit = await t.dataSource.query<{ action: string; facility_id: string; kanwil_id: string; actor_id: string }[]>(
        `SELECT action, facility_id, kanwil_id, actor_id FROM audit_event WHERE entity_id = $1 ORDER BY created_at, action`,
        [atKotabaru],
      );
      expect(audit).toEqual([
        { action: 'fulfilment.ship', facility_id: kotabaru.id, kanwil_id: kotabaru.kanwilId, actor_id: kotabaruAdmin.user.id },
        { action: 'fulfilment.deliver', facility_id: kotabaru.id, kanwil_id: kotabaru.kanwilId, actor_id: kotabaruAdmin.user.id },
      ]);

      expectProblem(await deliver(kotabaruAdmin, atKotabaru), 409, 'INVALID_STATE');
    });

    it('completes the order exactly once when its last two fulfilments are delivered at the same moment', async () => {
      const order = await paidOrder([tas, kursi]);
      const ids = [fulfilmentAt(order, banjarmasin), fulfilmentAt(order, kotabaru)];
      for (const id of ids) await ship(kalselRegional, id).expect(200);
      const responses = await Promise.all(ids.map((id) => deliver(kalselRegional, id)));
      expect(responses.map((r) => r.status)).toEqual([200, 200]);
      const [completed] = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_id = $1 AND type = 'order.completed'`,
        [order.id],
      );
      expect(completed?.n).toBe(1);
      const [row] = await t.dataSource.query<{ status: string }[]>('SELECT status FROM shop_order WHERE id = $1', [order.id]);
      expect(row?.status).toBe('COMPLETED');
    });

    it('ships a fulfilment once when asked twice at the same moment', async () => {
      const order = await paidOrder([tas]);
      const id = fulfilmentAt(order, banjarmasin);
      const responses = await Promise.all([ship(banjarmasinAdmin, id), ship(banjarmasinAdmin, id, { courier: 'SICEPAT', trackingNumber: 'SCP-77777777' })]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      const [events] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM order_event WHERE fulfilment_id = $1 AND to_status = 'SHIPPED'`, [id]);
      expect(events?.n).toBe(1);
    });

    it('ignores cancelled fulfilments when deciding that an order is complete', async () => {
      const order = await paidOrder([tas, kursi]);
      await t.dataSource.query(`UPDATE fulfilment SET status = 'CANCELLED' WHERE id = $1`, [fulfilmentAt(order, kotabaru)]);
      await ship(banjarmasinAdmin, fulfilmentAt(order, banjarmasin)).expect(200);
      const done = (await deliver(banjarmasinAdmin, fulfilmentAt(order, banjarmasin)).expect(200)).body as OrderAdminView;
      expect(done.status).toBe('COMPLETED');
    });

    it('hands over a pickup from PROCESSING, and refuses to deliver what was not shipped or not paid', async () => {
      const pickup = await paidOrder([kursi], 'PICKUP');
      const handedOver = (await deliver(kotabaruAdmin, fulfilmentAt(pickup, kotabaru)).expect(200)).body as OrderAdminView;
      expect(handedOver.status).toBe('COMPLETED');
      expect(handedOver.fulfilments[0]).toMatchObject({ status: 'DELIVERED', courier: null, trackingNumber: null, deliveryMethod: 'PICKUP' });

      const unpaidPickup = await placeOrder(t.http, [kursi], { method: 'PICKUP' });
      expectProblem(await deliver(kotabaruAdmin, fulfilmentAt(unpaidPickup, kotabaru)), 409, 'INVALID_STATE');

      const notShipped = await paidOrder([tas]);
      const problem = expectProblem(await deliver(banjarmasinAdmin, fulfilmentAt(notShipped, banjarmasin)), 409, 'INVALID_STATE');
      expect(problem.detail).toContain('ship it first');
    });
  });
});
