import request from 'supertest';
import type { Problem } from '../src/common/errors/problem';
import type { Facility } from '../src/facilities/facility.entity';
import type { DeliveryZoneView } from '../src/facilities/facility.views';
import { makeProduct } from './support/catalog-factories';
import { kanwilId, makeFacility, MadeUser, signedInAs, Tokens } from './support/factories';
import { TEST_ADDRESS } from './support/order-factories';
import { startTestApp, TestApp } from './support/test-app';

type SignedIn = MadeUser & Tokens & { bearer: string };
type Body = Record<string, unknown>;

const ORDERS = '/api/v1/orders';
const ADMIN = '/api/v1/admin/facilities';
const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const PAPUA = { ...TEST_ADDRESS, city: 'Jayapura', province: 'Papua', postalCode: '99111' };

function orderBody(items: Body[], address: Body = TEST_ADDRESS): Body {
  return {
    items,
    customer: { name: 'Siti Rahmawati', email: `siti${Math.random().toString(36).slice(2, 8)}@example.com`, phone: '+62 812 3456 7890' },
    delivery: { method: 'SHIPPING', address },
  };
}

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return response.body as Problem;
}

/** Issue 13, bug 4: a facility with local delivery shipped fresh catfish and services to Papua. */
describe('delivery zones', () => {
  let t: TestApp;
  /** Lapas Banjarmasin (Kalimantan Selatan, 63): delivers perishables locally. */
  let banjarmasin: Facility;
  let banjarbaru: Facility;
  let superadmin: SignedIn;
  let adminBanjarmasin: SignedIn;
  let adminBanjarbaru: SignedIn;
  let regionalBali: SignedIn;

  beforeAll(async () => {
    t = await startTestApp();
    banjarmasin = await makeFacility(t.dataSource, { shortName: 'Lapas Banjarmasin', localDelivery: true, pickupAvailable: true });
    banjarbaru = await makeFacility(t.dataSource, { shortName: 'Lapas Banjarbaru', localDelivery: true });
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
    adminBanjarmasin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: banjarmasin });
    adminBanjarbaru = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: banjarbaru });
    regionalBali = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: await kanwilId(t.dataSource, 'bali') });
  });
  afterAll(() => t.close());

  const stockOf = async (id: string): Promise<number> => {
    const [row] = await t.dataSource.query<{ stock: number }[]>('SELECT stock FROM product WHERE id = $1', [id]);
    return row?.stock ?? -1;
  };
  const orderCount = async (): Promise<number> => {
    const [row] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM shop_order');
    return row?.n ?? -1;
  };
  const putZone = (who: SignedIn, facilityId: string, route: string, body: unknown): request.Test =>
    request(t.http).put(`${ADMIN}/${facilityId}/delivery-zones/${route}`).set('Authorization', who.bearer).send(body as object);
  const getZones = (who: SignedIn, facilityId: string): request.Test => request(t.http).get(`${ADMIN}/${facilityId}/delivery-zones`).set('Authorization', who.bearer);

  describe('checkout', () => {
    it('refuses perishables and services shipped outside the local zone (422), naming each line and the province; nothing is taken', async () => {
      const catfish = await makeProduct(t.dataSource, banjarmasin, { kind: 'FOOD', name: 'Ikan Lele Segar', stock: 20 });
      const carWash = await makeProduct(t.dataSource, banjarmasin, { kind: 'SERVICE', name: 'Cuci Mobil', stock: 50 });
      const bag = await makeProduct(t.dataSource, banjarmasin, { name: 'Tas Purun', stock: 5 });
      const orders = await orderCount();

      const response = await request(t.http)
        .post(ORDERS)
        .send(orderBody([{ productId: bag.id, quantity: 1 }, { productId: catfish.id, quantity: 2 }, { productId: carWash.id, quantity: 1 }], PAPUA));
      const problem = expectProblem(response, 422, 'OUTSIDE_DELIVERY_ZONE');
      expect(problem.detail).toContain('Papua');
      expect(problem.detail).toContain('Ikan Lele Segar');
      expect(problem.errors).toEqual([
        { field: 'items.1.productId', message: `${catfish.id} is not delivered to Papua` },
        { field: 'items.2.productId', message: `${carWash.id} is not delivered to Papua` },
      ]);
      expect([await stockOf(bag.id), await stockOf(catfish.id), await stockOf(carWash.id)]).toEqual([5, 20, 50]);
      expect(await orderCount()).toBe(orders);

      // Goods go by courier, anywhere; the perishables go within Kalimantan Selatan.
      await request(t.http).post(ORDERS).send(orderBody([{ productId: bag.id, quantity: 1 }], PAPUA)).expect(201);
      await request(t.http).post(ORDERS).send(orderBody([{ productId: catfish.id, quantity: 2 }, { productId: carWash.id, quantity: 1 }])).expect(201);
      // Picked up at the Lapas, from anywhere.
      await request(t.http)
        .post(ORDERS)
        .send({ ...orderBody([{ productId: catfish.id, quantity: 1 }]), delivery: { method: 'PICKUP' } })
        .expect(201);
      expect([await stockOf(bag.id), await stockOf(catfish.id), await stockOf(carWash.id)]).toEqual([4, 17, 49]);
    });

    it('knows a province by name in any case, with "Provinsi", or by ISO or Kemendagri code; an unknown one is not inside', async () => {
      const catfish = await makeProduct(t.dataSource, banjarmasin, { kind: 'FOOD', stock: 20 });
      for (const province of ['kalimantan selatan', 'Provinsi Kalimantan Selatan', 'ID-KS', '63']) {
        await request(t.http).post(ORDERS).send(orderBody([{ productId: catfish.id, quantity: 1 }], { ...TEST_ADDRESS, province })).expect(201);
      }
      const problem = expectProblem(
        await request(t.http).post(ORDERS).send(orderBody([{ productId: catfish.id, quantity: 1 }], { ...TEST_ADDRESS, province: 'Atlantis' })),
        422,
        'OUTSIDE_DELIVERY_ZONE',
      );
      expect(problem.detail).toContain('Atlantis');
    });

    it('follows the zones a facility declares, route by route', async () => {
      const facility = await makeFacility(t.dataSource, { localDelivery: true });
      const admin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility });
      const catfish = await makeProduct(t.dataSource, facility, { kind: 'FOOD', stock: 20 });
      const bag = await makeProduct(t.dataSource, facility, { stock: 20 });

      await putZone(admin, facility.id, 'LOCAL_DELIVERY', { wholeCountry: false, provinces: ['63', '91'] }).expect(200);
      await request(t.http).post(ORDERS).send(orderBody([{ productId: catfish.id, quantity: 1 }], PAPUA)).expect(201);
      const bali = { ...TEST_ADDRESS, city: 'Denpasar', province: 'Bali', postalCode: '80111' };
      expectProblem(await request(t.http).post(ORDERS).send(orderBody([{ productId: catfish.id, quantity: 1 }], bali)), 422, 'OUTSIDE_DELIVERY_ZONE');

      await putZone(admin, facility.id, 'COURIER', { wholeCountry: false, provinces: ['63'] }).expect(200);
      const problem = expectProblem(await request(t.http).post(ORDERS).send(orderBody([{ productId: bag.id, quantity: 1 }], bali)), 422, 'OUTSIDE_DELIVERY_ZONE');
      expect(problem.errors).toEqual([{ field: 'items.0.productId', message: `${bag.id} is not delivered to Bali` }]);

      await putZone(admin, facility.id, 'COURIER', { wholeCountry: true }).expect(200);
      await putZone(admin, facility.id, 'LOCAL_DELIVERY', { wholeCountry: true }).expect(200);
      await request(t.http).post(ORDERS).send(orderBody([{ productId: bag.id, quantity: 1 }, { productId: catfish.id, quantity: 1 }], bali)).expect(201);
    });

    it('still refuses pickup-only items where the facility has no local delivery at all (409), before any zone', async () => {
      const noLocal = await makeFacility(t.dataSource, { localDelivery: false });
      const bread = await makeProduct(t.dataSource, noLocal, { kind: 'FOOD' });
      const problem = expectProblem(await request(t.http).post(ORDERS).send(orderBody([{ productId: bread.id, quantity: 1 }], PAPUA)), 409, 'INVALID_STATE');
      expect(problem.detail).toContain('pickup-only');
    });
  });

  describe('admin API: /admin/facilities/{id}/delivery-zones', () => {
    it('shows the defaults until a zone is declared: couriers everywhere, local delivery in the own province', async () => {
      const zones = (await getZones(adminBanjarbaru, banjarbaru.id).expect(200)).body as DeliveryZoneView[];
      expect(zones).toEqual([
        { route: 'COURIER', declared: false, wholeCountry: true, provinces: [] },
        { route: 'LOCAL_DELIVERY', declared: false, wholeCountry: false, provinces: [{ code: '63', name: 'Kalimantan Selatan' }] },
      ]);
    });

    it('lets a facility admin set its own zones, audited', async () => {
      const set = (await putZone(adminBanjarbaru, banjarbaru.id, 'LOCAL_DELIVERY', { wholeCountry: false, provinces: ['62', '63', '63'] }).expect(200)).body as DeliveryZoneView;
      expect(set).toEqual({
        route: 'LOCAL_DELIVERY',
        declared: true,
        wholeCountry: false,
        provinces: [
          { code: '62', name: 'Kalimantan Tengah' },
          { code: '63', name: 'Kalimantan Selatan' },
        ],
      });
      const zones = (await getZones(superadmin, banjarbaru.id).expect(200)).body as DeliveryZoneView[];
      expect(zones[1]).toEqual(set);
      const [audit] = await t.dataSource.query<{ actor_id: string; changes: unknown }[]>(
        `SELECT actor_id, changes FROM audit_event WHERE entity_id = $1 AND action = 'facility.deliveryZone.set'`,
        [banjarbaru.id],
      );
      expect(audit).toEqual({ actor_id: adminBanjarbaru.user.id, changes: { 'deliveryZone.LOCAL_DELIVERY': { from: 'default', to: ['62', '63'] } } });
    });

    it("answers 404 for another facility's zones (a facility admin, a regional admin of another Kanwil), and for an unknown facility", async () => {
      expectProblem(await getZones(adminBanjarmasin, banjarbaru.id), 404, 'NOT_FOUND');
      expectProblem(await putZone(adminBanjarmasin, banjarbaru.id, 'LOCAL_DELIVERY', { wholeCountry: true }), 404, 'NOT_FOUND');
      expectProblem(await putZone(regionalBali, banjarbaru.id, 'COURIER', { wholeCountry: true }), 404, 'NOT_FOUND');
      expectProblem(await putZone(superadmin, MISSING_ID, 'COURIER', { wholeCountry: true }), 404, 'NOT_FOUND');
      const zones = (await getZones(superadmin, banjarbaru.id).expect(200)).body as DeliveryZoneView[];
      expect(zones.map((zone) => zone.declared)).toEqual([false, true]);
      expect(zones[1]?.wholeCountry).toBe(false);
    });

    it('answers 401 without a token', async () => {
      expectProblem(await request(t.http).get(`${ADMIN}/${banjarbaru.id}/delivery-zones`), 401, 'UNAUTHENTICATED');
      expectProblem(await request(t.http).put(`${ADMIN}/${banjarbaru.id}/delivery-zones/COURIER`).send({ wholeCountry: true }), 401, 'UNAUTHENTICATED');
    });

    it('validates the route and the provinces (400)', async () => {
      expectProblem(await putZone(superadmin, banjarbaru.id, 'DRONE', { wholeCountry: true }), 400, 'VALIDATION_FAILED');
      expectProblem(await putZone(superadmin, banjarbaru.id, 'COURIER', { wholeCountry: false }), 400, 'VALIDATION_FAILED');
      expectProblem(await putZone(superadmin, banjarbaru.id, 'COURIER', { wholeCountry: false, provinces: [] }), 400, 'VALIDATION_FAILED');
      expectProblem(await putZone(superadmin, banjarbaru.id, 'COURIER', { wholeCountry: true, provinces: ['63'] }), 400, 'VALIDATION_FAILED');
      expectProblem(await putZone(superadmin, banjarbaru.id, 'COURIER', { wholeCountry: false, provinces: ['Kalimantan'] }), 400, 'VALIDATION_FAILED');
      const unknown = expectProblem(await putZone(superadmin, banjarbaru.id, 'COURIER', { wholeCountry: false, provinces: ['63', '99'] }), 400, 'VALIDATION_FAILED');
      expect(unknown.errors?.[0]?.field).toBe('provinces');
      expectProblem(await putZone(superadmin, banjarbaru.id, 'COURIER', { wholeCountry: true, extra: 1 }), 400, 'VALIDATION_FAILED');
      const zones = (await getZones(superadmin, banjarbaru.id).expect(200)).body as DeliveryZoneView[];
      expect(zones[0]).toEqual({ route: 'COURIER', declared: false, wholeCountry: true, provinces: [] });
    });
  });
});
