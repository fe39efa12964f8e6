import fc from 'fast-check';
import request from 'supertest';
import type { Facility } from '../src/facilities/facility.entity';
import type { Problem } from '../src/common/errors/problem';
import type { ImpactView } from '../src/impact/impact.views';
import type { PnbpReportView, ReportMeasuresView, SalesReportView } from '../src/impact/report.views';
import type { CreatedOrderView } from '../src/orders/order.views';
import { makeProduct } from './support/catalog-factories';
import { kanwilId, makeFacility, signedInAs } from './support/factories';
import { placeOrder } from './support/order-factories';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

const REPORTS = '/api/v1/admin/reports';
const MONEY = ['gross', 'refunds', 'cost', 'profit', 'premi', 'pnbp', 'capital', 'items'] as const;

interface SignedIn {
  bearer: string;
}

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status, code });
  return response.body as Problem;
}

describe('impact and sales reports', () => {
  let t: TestApp;
  let superadmin: SignedIn;
  let kalsel: SignedIn;
  let banjarmasinAdmin: SignedIn;
  let banjarmasin: Facility;
  let kotabaru: Facility;
  let kerobokan: Facility;

  const pay = (orderId: string) => request(t.http).post(`/api/v1/admin/orders/${orderId}/confirm-payment`).set('Authorization', superadmin.bearer).expect(200);
  const refund = (orderId: string, body: object) => request(t.http).post(`/api/v1/admin/orders/${orderId}/refund`).set('Authorization', superadmin.bearer).send(body).expect(200);
  const impact = async (): Promise<ImpactView> => (await request(t.http).get('/api/v1/impact').expect(200)).body as ImpactView;
  const sales = async (who: SignedIn, query: Record<string, string> = {}): Promise<SalesReportView> =>
    (await request(t.http).get(`${REPORTS}/sales`).query({ from: '2026-01-01', to: '2027-12-31', ...query }).set('Authorization', who.bearer).expect(200)).body as SalesReportView;
  const ledger = async (): Promise<Record<string, number>> => {
    const [row] = await t.dataSource.query<Record<string, number>[]>(
      `SELECT coalesce(sum(gross) FILTER (WHERE kind = 'SALE'), 0)::float8 AS gross, coalesce(-sum(gross) FILTER (WHERE kind = 'REFUND'), 0)::float8 AS refunds,
              coalesce(sum(cost), 0)::float8 AS cost, coalesce(sum(profit), 0)::float8 AS profit, coalesce(sum(premi), 0)::float8 AS premi,
              coalesce(sum(pnbp), 0)::float8 AS pnbp, coalesce(sum(capital), 0)::float8 AS capital, coalesce(sum(quantity), 0)::float8 AS items,
              coalesce(sum(gross), 0)::float8 AS net
         FROM ledger_entry`,
    );
    return row ?? {};
  };

  beforeAll(async () => {
    t = await startTestApp();
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
    banjarmasin = await makeFacility(t.dataSource, { name: 'Lapas Kelas IIA Banjarmasin', pickupAvailable: true });
    kotabaru = await makeFacility(t.dataSource, { name: 'Lapas Kelas IIB Kotabaru', pickupAvailable: true });
    kerobokan = await makeFacility(t.dataSource, { provinceCode: '51', name: 'Lapas Kelas IIA Kerobokan', pickupAvailable: true });
    kalsel = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: await kanwilId(t.dataSource, 'kalsel') });
    banjarmasinAdmin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: banjarmasin });
  });
  afterAll(() => t.close());

  it('moves the public impact counters when an order is paid and again when it is refunded', async () => {
    const catfish = await makeProduct(t.dataSource, banjarmasin, { kind: 'FOOD', categorySlug: 'ikan', price: 35_000, unitCost: 20_000, weightGrams: 1_000, stock: 50 });
    const before = await impact();
    const order = await placeOrder(t.http, [{ product: catfish, quantity: 3 }], { method: 'PICKUP' });
    expect((await impact()).revenue).toBe(before.revenue); // unpaid orders are not impact
    await pay(order.id);

    const paid = await impact();
    expect(paid.itemsSold - before.itemsSold).toBe(3);
    expect(paid.revenue - before.revenue).toBe(105_000);
    expect(paid.foodKgSold - before.foodKgSold).toBeCloseTo(3, 5);
    expect(paid.premiPaid - before.premiPaid).toBe(22_500); // 50% of the 45,000 profit under the national rule
    const region = paid.byRegion.find((r) => r.kanwilCode === 'kalsel');
    expect(region?.revenue).toBeGreaterThanOrEqual(105_000);
    const facilityPage = (await request(t.http).get(`/api/v1/facilities/${banjarmasin.slug}`).expect(200)).body as { impact: Record<string, number> };
    expect(facilityPage.impact).toMatchObject({ itemsSold: 3, revenue: 105_000, premiPaid: 22_500, foodKgSold: 3 });

    await refund(order.id, { reason: 'Ikan tidak segar' });
    const refunded = await impact();
    expect(refunded).toMatchObject({ itemsSold: before.itemsSold, revenue: before.revenue, premiPaid: before.premiPaid });
    expect(refunded.foodKgSold).toBeCloseTo(before.foodKgSold, 5);
  });

  it('keeps national = sum of Kanwil on the public counters', async () => {
    const now = await impact();
    for (const key of ['facilities', 'products', 'itemsSold', 'revenue', 'premiPaid', 'storiesPublished'] as const) {
      expect({ key, sum: now.byRegion.reduce((total, r) => total + r[key], 0) }).toEqual({ key, sum: now[key] });
    }
  });

  it('reports equal the ledger, and national = sum of Kanwil = sum of facilities, for random orders, payments and refunds', async () => {
    const products = [
      await makeProduct(t.dataSource, banjarmasin, { price: 45_000, unitCost: 12_345, stock: 10_000 }),
      await makeProduct(t.dataSource, kotabaru, { price: 17_500, unitCost: 17_500, stock: 10_000 }),
      await makeProduct(t.dataSource, kerobokan, { price: 250_000, unitCost: 90_001, stock: 10_000 }),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            lines: fc.uniqueArray(fc.record({ product: fc.integer({ min: 0, max: 2 }), quantity: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 3, selector: (l) => l.product }),
            paid: fc.boolean(),
            refund: fc.constantFrom('none', 'full', 'first-line'),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (orders) => {
          for (const spec of orders) {
            const order: CreatedOrderView = await placeOrder(t.http, spec.lines.map((l) => ({ product: products[l.product] ?? products[0], quantity: l.quantity })), { method: 'PICKUP' });
            if (!spec.paid) continue;
            await pay(order.id);
            if (spec.refund === 'full') await refund(order.id, { reason: 'Acak' });
            if (spec.refund === 'first-line') {
              const [item] = await t.dataSource.query<{ id: string }[]>('SELECT id FROM order_item WHERE order_id = $1 ORDER BY id LIMIT 1', [order.id]);
              await refund(order.id, { reason: 'Acak', items: [{ orderItemId: item?.id, quantity: 1 }] });
            }
          }
          const truth = await ledger();
          const national = await sales(superadmin);
          const byFacility = await sales(superadmin, { groupBy: 'facility' });
          const byRegion = await sales(superadmin, { groupBy: 'region' });
          const byProductMonth = await sales(superadmin, { groupBy: 'product,month,program,category' });
          for (const measure of MONEY) {
            const sum = (rows: ReportMeasuresView[]): number => rows.reduce((total, row) => total + row[measure], 0);
            expect({ measure, value: national.totals[measure] }).toEqual({ measure, value: truth[measure] });
            expect({ measure, facilities: sum(byFacility.data), regions: sum(byRegion.data), products: sum(byProductMonth.data) }).toEqual({
              measure,
              facilities: national.totals[measure],
              regions: national.totals[measure],
              products: national.totals[measure],
            });
          }
          expect((await impact()).revenue).toBe(truth['net']);
          // Each line splits exactly: premi + PNBP + capital = profit, profit = net gross - cost.
          expect(national.totals.premi + national.totals.pnbp + national.totals.capital).toBe(national.totals.profit);
          expect(national.totals.gross - national.totals.refunds - national.totals.cost).toBe(national.totals.profit);
        },
      ),
      { numRuns: 6 },
    );
  });

  it('scopes reports: a facility admin sees only its facility, a regional admin only its Kanwil', async () => {
    const own = await sales(banjarmasinAdmin, { groupBy: 'facility' });
    expect(own.data.map((row) => row.facilityId)).toEqual([banjarmasin.id]);
    const region = await sales(kalsel, { groupBy: 'facility' });
    expect(new Set(region.data.map((row) => row.facilityId))).toEqual(new Set([banjarmasin.id, kotabaru.id]));
    const all = await sales(superadmin, { groupBy: 'facility' });
    expect(all.data.map((row) => row.facilityId)).toContain(kerobokan.id);
    expectProblem(await request(t.http).get(`${REPORTS}/sales`).query({ facilityId: kotabaru.id }).set('Authorization', banjarmasinAdmin.bearer), 404, 'NOT_FOUND');
    expectProblem(await request(t.http).get(`${REPORTS}/pnbp`).query({ facilityId: kerobokan.id }).set('Authorization', kalsel.bearer), 404, 'NOT_FOUND');
    expectProblem(await request(t.http).get(`${REPORTS}/sales`), 401, 'UNAUTHENTICATED');
  });

  it('refuses bad periods and groupings', async () => {
    const bad = (query: Record<string, string>) => request(t.http).get(`${REPORTS}/sales`).query(query).set('Authorization', superadmin.bearer);
    expectProblem(await bad({ groupBy: 'facility,galaxy' }), 400, 'VALIDATION_FAILED');
    expectProblem(await bad({ from: '2026-12-01', to: '2026-11-01' }), 400, 'VALIDATION_FAILED');
    expectProblem(await bad({ from: '2026-02-30' }), 400, 'VALIDATION_FAILED');
    expectProblem(await bad({ from: '2000-01-01', to: '2030-01-01' }), 400, 'VALIDATION_FAILED');
  });

  it('gives a CSV that Excel opens right: BOM, the asked columns, raw integers', async () => {
    const response = await request(t.http)
      .get(`${REPORTS}/sales`)
      .query({ from: '2026-01-01', to: '2027-12-31', groupBy: 'facility,month' })
      .set('Authorization', banjarmasinAdmin.bearer)
      .set('Accept', 'text/csv')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      })
      .expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="etalase-sales-2026-01-01-2027-12-31\.csv"$/);
    const text = response.body as string;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = text.slice(1).trim().split('\r\n');
    expect(header).toBe('facilityId,facilityName,month,orders,items,gross,refunds,cost,profit,premi,pnbp,capital');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const fields = row.split(',');
      expect(fields[0]).toBe(banjarmasin.id);
      expect(fields.slice(3).every((field) => /^-?\d+$/.test(field))).toBe(true);
    }
    const json = await sales(banjarmasinAdmin, { groupBy: 'facility,month' });
    expect(rows).toHaveLength(json.data.length);
  });

  it('files the month: lines per product, totals, PNBP to deposit', async () => {
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date()).slice(0, 7);
    const report = (await request(t.http).get(`${REPORTS}/pnbp`).query({ month }).set('Authorization', banjarmasinAdmin.bearer).expect(200)).body as PnbpReportView;
    expect(report).toMatchObject({ facilityId: banjarmasin.id, facilityName: 'Lapas Kelas IIA Banjarmasin', month, currency: 'IDR' });
    expect(report.lines.length).toBeGreaterThan(0);
    expect(report.pnbpToDeposit).toBe(report.totals.pnbp);
    expect(report.lines.reduce((total, line) => total + line.pnbp, 0)).toBe(report.totals.pnbp);
    expectProblem(await request(t.http).get(`${REPORTS}/pnbp`).set('Authorization', superadmin.bearer), 400, 'VALIDATION_FAILED');
  });
});
