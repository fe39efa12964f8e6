import request from 'supertest';
import { ProductCertificate } from '../src/catalog/product-certificate.entity';
import type { ProductAdminView } from '../src/catalog/product.views';
import type { Problem } from '../src/common/errors/problem';
import type { Facility } from '../src/facilities/facility.entity';
import { makeProduct } from './support/catalog-factories';
import { kanwilId, makeFacility, MadeUser, signedInAs, Tokens } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type SignedIn = MadeUser & Tokens & { bearer: string };
type ListBody = { data: ProductAdminView[]; nextCursor: string | null; total?: number };

const PRODUCTS = '/api/v1/admin/products';

/**
 * The console's home screen counts low stock and permits about to expire and links to the list
 * filtered the same way: `stockAtMost`, `permitExpiresBefore`, `includeTotal`, always in scope.
 */
describe('admin products list: low stock, expiring permits, totals', () => {
  let t: TestApp;
  let banjarmasin: Facility;
  let kotabaru: Facility;
  let kerobokan: Facility;
  let adminBanjarmasin: SignedIn;
  let adminKotabaru: SignedIn;
  let regionalKalsel: SignedIn;
  let regionalBali: SignedIn;
  const ids: Record<string, string> = {};

  async function withPermit(facility: Facility, name: string, validUntil: string | null, stock = 10): Promise<void> {
    const product = await makeProduct(t.dataSource, facility, { name, kind: 'FOOD', categorySlug: 'roti-kue', withPermit: false, stock, foodPermitValidUntil: validUntil });
    await t.dataSource.getRepository(ProductCertificate).save({ productId: product.id, kind: 'SPP_IRT', number: `P-IRT ${name}`, issuer: 'Dinas Kesehatan', validUntil });
    ids[name] = product.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    banjarmasin = await makeFacility(t.dataSource, { shortName: 'Lapas Banjarmasin' });
    kotabaru = await makeFacility(t.dataSource, { shortName: 'Lapas Kotabaru' });
    kerobokan = await makeFacility(t.dataSource, { provinceCode: '51', shortName: 'Lapas Kerobokan' });
    adminBanjarmasin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: banjarmasin });
    adminKotabaru = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: kotabaru });
    regionalKalsel = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: await kanwilId(t.dataSource, 'kalsel') });
    regionalBali = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: await kanwilId(t.dataSource, 'bali') });

    for (const [name, stock] of [['Tas purun habis', 0], ['Tas purun sisa tiga', 3], ['Tas purun sisa empat', 4]] as const) {
      ids[name] = (await makeProduct(t.dataSource, banjarmasin, { name, stock })).id;
    }
    ids['Taplak sisa satu (Kotabaru)'] = (await makeProduct(t.dataSource, kotabaru, { name: 'Taplak sisa satu (Kotabaru)', stock: 1 })).id;
    ids['Dompet sisa satu (Bali)'] = (await makeProduct(t.dataSource, kerobokan, { name: 'Dompet sisa satu (Bali)', stock: 1 })).id;
    ids['Tas dihapus'] = (await makeProduct(t.dataSource, banjarmasin, { name: 'Tas dihapus', stock: 0, deletedAt: new Date() })).id;

    await withPermit(banjarmasin, 'Amplang izin lewat', '2027-01-10');
    await withPermit(banjarmasin, 'Dodol izin 31 Januari', '2027-01-31');
    await withPermit(banjarmasin, 'Keripik izin 1 Februari', '2027-02-01');
    await withPermit(banjarmasin, 'Kue izin tanpa batas', null);
    await withPermit(kotabaru, 'Abon izin lewat (Kotabaru)', '2027-01-05');
    // A halal certificate expiring counts too, beside a permit that does not.
    await withPermit(banjarmasin, 'Madu halal 20 Januari', '2030-12-31');
    await t.dataSource
      .getRepository(ProductCertificate)
      .save({ productId: ids['Madu halal 20 Januari'], kind: 'HALAL', number: 'ID00410000123', issuer: 'BPJPH', validUntil: '2027-01-20' });
  });
  afterAll(() => t.close());

  const list = async (who: SignedIn, query: Record<string, string>): Promise<ListBody> => {
    const response = await request(t.http).get(PRODUCTS).query(query).set('Authorization', who.bearer);
    expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status: 200 });
    return response.body as ListBody;
  };
  const names = (body: ListBody): string[] => body.data.map((product) => product.name).sort();

  it('stockAtMost lists the products at or under the stock, in scope, deleted ones only on request', async () => {
    expect(names(await list(adminBanjarmasin, { stockAtMost: '3' }))).toEqual(['Tas purun habis', 'Tas purun sisa tiga']);
    expect(names(await list(adminBanjarmasin, { stockAtMost: '0' }))).toEqual(['Tas purun habis']);
    expect(names(await list(adminBanjarmasin, { stockAtMost: '0', includeDeleted: 'true' }))).toEqual(['Tas dihapus', 'Tas purun habis']);
    expect(names(await list(adminKotabaru, { stockAtMost: '3' }))).toEqual(['Taplak sisa satu (Kotabaru)']);
    expect(names(await list(regionalKalsel, { stockAtMost: '3' }))).toEqual(['Tas purun habis', 'Tas purun sisa tiga', 'Taplak sisa satu (Kotabaru)'].sort());
    expect(names(await list(regionalBali, { stockAtMost: '3' }))).toEqual(['Dompet sisa satu (Bali)']);
  });

  it('permitExpiresBefore lists products with a permit or certificate valid until a day before the date, expired ones included', async () => {
    expect(names(await list(adminBanjarmasin, { permitExpiresBefore: '2027-02-01' }))).toEqual(['Amplang izin lewat', 'Dodol izin 31 Januari', 'Madu halal 20 Januari']);
    expect(names(await list(adminBanjarmasin, { permitExpiresBefore: '2027-01-31' }))).toEqual(['Amplang izin lewat', 'Madu halal 20 Januari']);
    expect(names(await list(adminKotabaru, { permitExpiresBefore: '2027-02-01' }))).toEqual(['Abon izin lewat (Kotabaru)']);
    expect(names(await list(regionalBali, { permitExpiresBefore: '2099-01-01' }))).toEqual([]);
    // Filters combine: expiring and low on stock.
    expect(names(await list(adminBanjarmasin, { permitExpiresBefore: '2027-02-01', stockAtMost: '3' }))).toEqual([]);
  });

  it('includeTotal counts every match on every page, and is absent without it', async () => {
    const first = await list(adminBanjarmasin, { permitExpiresBefore: '2028-01-01', includeTotal: 'true', limit: '2' });
    expect({ total: first.total, shown: first.data.length, more: first.nextCursor !== null }).toEqual({ total: 4, shown: 2, more: true });
    const second = await list(adminBanjarmasin, { permitExpiresBefore: '2028-01-01', includeTotal: 'true', limit: '2', cursor: first.nextCursor ?? '' });
    expect({ total: second.total, shown: second.data.length, more: second.nextCursor !== null }).toEqual({ total: 4, shown: 2, more: false });
    expect(new Set([...first.data, ...second.data].map((product) => product.id)).size).toBe(4);
    expect((await list(adminKotabaru, { stockAtMost: '3', includeTotal: 'true' })).total).toBe(1);
    expect(await list(adminBanjarmasin, { stockAtMost: '3' })).not.toHaveProperty('total');
  });

  it.each([
    [{ stockAtMost: '-1' }, 'stockAtMost'],
    [{ stockAtMost: 'tiga' }, 'stockAtMost'],
    [{ permitExpiresBefore: '31-01-2027' }, 'permitExpiresBefore'],
    [{ permitExpiresBefore: '2027-02-30' }, 'permitExpiresBefore'],
    [{ permitExpiresBefore: '2027-02-01T00:00:00Z' }, 'permitExpiresBefore'],
    [{ includeTotal: 'yes' }, 'includeTotal'],
  ])('refuses %j with 400 naming %s', async (query, field) => {
    const response = await request(t.http).get(PRODUCTS).query(query).set('Authorization', adminBanjarmasin.bearer);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.body as Problem;
    expect({ code: problem.code, fields: [...new Set(problem.errors?.map((error) => error.field))] }).toEqual({ code: 'VALIDATION_FAILED', fields: [field] });
  });
});
