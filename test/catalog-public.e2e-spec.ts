import { crc32 } from 'node:zlib';
import request from 'supertest';
import type { PublicCategoryView, ProductTombstoneView } from '../src/catalog/catalog.views';
import { MakerConsent } from '../src/catalog/maker-consent.entity';
import { ProductCertificate } from '../src/catalog/product-certificate.entity';
import { ProductImage } from '../src/catalog/product-image.entity';
import { Product } from '../src/catalog/product.entity';
import type { ProductView } from '../src/catalog/product.views';
import type { Problem } from '../src/common/errors/problem';
import type { Page } from '../src/common/pagination/cursor';
import { FoodPermitExpiry } from '../src/catalog/food-permit-expiry';
import { Facility } from '../src/facilities/facility.entity';
import { makeProduct } from './support/catalog-factories';
import { makeFacility, signedInAs } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type ProductPage = Page<ProductView>;
type Query = Record<string, string>;

const PRODUCTS = '/api/v1/products';
const DAY = 86_400_000;

const PUBLIC_FIELDS = [
  'category',
  'certifications',
  'currency',
  'description',
  'facility',
  'id',
  'images',
  'inStock',
  'kind',
  'maker',
  'maxPerOrder',
  'name',
  'price',
  'program',
  'publishedAt',
  'slug',
  'stock',
  'updatedAt',
  'webUrl',
  'weightGrams',
];

/** A calendar day in UTC, `days` from today. */
function utcDay(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
}

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return response.body as Problem;
}

function byKeyThenId<T>(key: (item: T) => number, id: (item: T) => string, direction: 1 | -1): (a: T, b: T) => number {
  return (a, b) => {
    const difference = key(a) - key(b);
    if (difference !== 0) return direction * difference;
    return direction * (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
  };
}

describe('public catalog: /api/v1/categories and /api/v1/products', () => {
  let t: TestApp;
  let tempeSlug: string;
  let sasiranganConsentId: string;

  // Facilities
  let telukDalam: Facility; // 63 Kalimantan Selatan (kalsel)
  let lpka: Facility; // 63, a juvenile facility
  let balikpapan: Facility; // 64 Kalimantan Timur (kaltim)
  let tarakan: Facility; // 65 Kalimantan Utara (kaltim too)
  let kerobokan: Facility; // 51 Bali
  let closed: Facility; // 63, inactive

  // Products on sale
  let sasirangan: Product;
  let batikShirt: Product;
  let purun: Product;
  let tempe: Product;
  let chair: Product;
  let carWash: Product;
  let bread: Product;
  let songket: Product;
  let catfish: Product;
  let doughnut: Product;
  let abon: Product;
  // Never public
  let hidden: Record<string, Product>;

  const slugs = (...products: Product[]): string[] => products.map((p) => p.slug).sort();
  const onSale = (): Product[] => [sasirangan, batikShirt, purun, tempe, chair, carWash, bread, songket, catfish, doughnut, abon];

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    telukDalam = await makeFacility(ds, { slug: 'lapas-teluk-dalam', name: 'Lapas Kelas IIA Teluk Dalam', shortName: 'Lapas Teluk Dalam', city: 'Kota Banjarmasin' });
    lpka = await makeFacility(ds, { slug: 'lpka-martapura', type: 'LPKA', facilityClass: 'I', name: 'LPKA Kelas I Martapura', shortName: 'LPKA Martapura', city: 'Martapura' });
    balikpapan = await makeFacility(ds, { slug: 'lapas-balikpapan', provinceCode: '64', name: 'Lapas Kelas IIA Balikpapan', shortName: 'Lapas Balikpapan', city: 'Balikpapan' });
    tarakan = await makeFacility(ds, { slug: 'lapas-tarakan', provinceCode: '65', name: 'Lapas Kelas IIA Tarakan', shortName: 'Lapas Tarakan', city: 'Tarakan' });
    kerobokan = await makeFacility(ds, { slug: 'lapas-kerobokan', provinceCode: '51', name: 'Lapas Kelas IIA Kerobokan', shortName: 'Lapas Kerobokan', city: 'Badung' });
    closed = await makeFacility(ds, { slug: 'lapas-tutup', name: 'Lapas Kelas III Tutup', shortName: 'Lapas Tutup', city: 'Kandangan', active: false });

    const now = Date.now();
    const at = (daysAgo: number): Date => new Date(now - daysAgo * DAY);
    sasirangan = await makeProduct(ds, telukDalam, {
      slug: 'kain-sasirangan-gigi-haruan', name: 'Kain Sasirangan Motif Gigi Haruan', categorySlug: 'sasirangan', price: 250_000, stock: 5, salesCount: 40, publishedAt: at(11),
      description: 'Dicelup dengan pewarna alam.',
    });
    batikShirt = await makeProduct(ds, kerobokan, { slug: 'kemeja-batik-tulis-kawung', name: 'Kemeja Batik Tulis Kawung', categorySlug: 'batik', price: 350_000, stock: 0, salesCount: 10, publishedAt: at(10) });
    purun = await makeProduct(ds, lpka, { slug: 'tas-anyaman-purun', name: 'Tas Anyaman Purun', categorySlug: 'anyaman', price: 85_000, stock: 12, salesCount: 80, publishedAt: at(9) });
    tempe = await makeProduct(ds, telukDalam, {
      slug: 'keripik-tempe-renyah', name: 'Keripik Tempe Renyah', categorySlug: 'keripik-camilan', kind: 'FOOD', program: 'UMKM', price: 15_000, stock: 100, salesCount: 200, publishedAt: at(8),
    });
    tempeSlug = tempe.slug;
    chair = await makeProduct(ds, balikpapan, { slug: 'kursi-tamu-jati', name: 'Kursi Tamu Jati', categorySlug: 'mebel', price: 1_800_000, stock: 2, salesCount: 1, publishedAt: at(7) });
    carWash = await makeProduct(ds, telukDalam, {
      slug: 'cuci-mobil-premium', name: 'Cuci Mobil Premium', categorySlug: 'cuci-kendaraan', kind: 'SERVICE', program: 'SAE', price: 50_000, stock: 99, salesCount: 5, publishedAt: at(6),
    });
    bread = await makeProduct(ds, tarakan, {
      slug: 'roti-manis-cokelat', name: 'Roti Manis Isi Cokelat', categorySlug: 'roti-kue', kind: 'FOOD', program: 'SAE', price: 5_000, stock: 30, salesCount: 120, publishedAt: at(5),
    });
    songket = await makeProduct(ds, kerobokan, {
      slug: 'selendang-songket-bali', name: 'Selendang Songket Bali', categorySlug: 'tenun-songket', price: 450_000, stock: 3, salesCount: 7, publishedAt: at(4),
      description: 'Ditenun dengan benang emas; serasi dipadukan dengan kain batik.',
    });
    catfish = await makeProduct(ds, telukDalam, {
      slug: 'ikan-lele-segar', name: 'Ikan Lele Segar', categorySlug: 'ikan', kind: 'FOOD', program: 'KETAHANAN_PANGAN', price: 25_000, stock: 0, salesCount: 60, publishedAt: at(3),
    });
    doughnut = await makeProduct(ds, balikpapan, {
      slug: 'donat-kampung', name: 'Donat Kampung', categorySlug: 'roti-kue', kind: 'FOOD', program: 'SAE', price: 2_000, stock: 50, salesCount: 15, publishedAt: at(2),
    });
    // Its permit runs out at the end of today (UTC): still on sale.
    abon = await makeProduct(ds, telukDalam, {
      slug: 'abon-ikan-haruan', name: 'Abon Ikan Haruan', categorySlug: 'makanan-olahan', kind: 'FOOD', program: 'UMKM', price: 30_000, stock: 8, salesCount: 25, publishedAt: at(1),
      withPermit: false, foodPermitValidUntil: utcDay(0),
    });

    hidden = {
      draft: await makeProduct(ds, telukDalam, { name: 'Kain Batik Draft', categorySlug: 'batik', status: 'DRAFT', publishedAt: null }),
      archived: await makeProduct(ds, telukDalam, { name: 'Kain Batik Arsip', categorySlug: 'batik', status: 'ARCHIVED', publishedAt: at(20) }),
      deleted: await makeProduct(ds, telukDalam, { name: 'Kain Batik Terhapus', categorySlug: 'batik', deletedAt: new Date(), publishedAt: at(20) }),
      inactiveFacility: await makeProduct(ds, closed, { name: 'Kain Batik Lapas Tutup', categorySlug: 'batik', publishedAt: at(20) }),
      lapsedPermit: await makeProduct(ds, telukDalam, {
        name: 'Keripik Pisang Kedaluwarsa', categorySlug: 'keripik-camilan', kind: 'FOOD', program: 'UMKM', withPermit: false, foodPermitValidUntil: utcDay(-1), publishedAt: at(20),
      }),
      noPermit: await makeProduct(ds, telukDalam, {
        name: 'Keripik Singkong Tanpa Izin', categorySlug: 'keripik-camilan', kind: 'FOOD', withPermit: false, foodPermitValidUntil: null, publishedAt: at(20),
      }),
    };

    // What the detail view shows: two photos (out of position order), a valid and an expired
    // certificate, and an individual credit with consent.
    await ds.getRepository(ProductImage).save([
      { productId: sasirangan.id, contentHash: 'b'.repeat(64), width: 1200, height: 900, alt: 'Dilipat', position: 1 },
      { productId: sasirangan.id, contentHash: 'a'.repeat(64), width: 1200, height: 800, alt: 'Dibentangkan', position: 0 },
    ]);
    await ds.getRepository(ProductCertificate).save([
      { productId: sasirangan.id, kind: 'SNI', number: 'SNI 08-0287', issuer: 'BSN', validUntil: utcDay(365) },
      { productId: sasirangan.id, kind: 'HALAL', number: 'ID-EXPIRED', issuer: 'BPJPH', validUntil: '2020-01-01' },
    ]);
    const consent = await ds.getRepository(MakerConsent).save({
      facilityId: telukDalam.id, displayName: 'A.R.', nameKind: 'INITIALS', scopes: ['PRODUCT_CREDIT'], recordedOn: utcDay(-30), recordedByOfficer: 'NIP 1980',
    });
    await ds.getRepository(Product).update({ id: sasirangan.id }, { makerConsentId: consent.id });
    sasiranganConsentId = consent.id;
    const withdrawn = await ds.getRepository(MakerConsent).save({
      facilityId: telukDalam.id, displayName: 'Pak Tempe', nameKind: 'PSEUDONYM', scopes: ['PRODUCT_CREDIT'], recordedOn: utcDay(-30), recordedByOfficer: 'NIP 1980', withdrawnAt: new Date(),
    });
    await ds.getRepository(Product).update({ id: tempe.id }, { makerConsentId: withdrawn.id });
  });
  afterAll(() => t.close());

  async function list(query: Query): Promise<ProductPage> {
    const response = await request(t.http).get(PRODUCTS).query(query);
    expect({ status: response.status, body: response.status === 200 ? 'ok' : response.body }).toEqual({ status: 200, body: 'ok' });
    return response.body as ProductPage;
  }

  /** The slugs of one complete page (limit 100), sorted for set comparison. */
  async function slugsFor(query: Query): Promise<string[]> {
    const page = await list({ limit: '100', ...query });
    expect(page.nextCursor).toBeNull();
    return page.data.map((p) => p.slug).sort();
  }

  /** The slugs in the order the API gives them. */
  async function orderFor(query: Query): Promise<string[]> {
    const page = await list({ limit: '100', ...query });
    expect(page.nextCursor).toBeNull();
    return page.data.map((p) => p.slug);
  }

  describe('what is public', () => {
    it('lists exactly the products on sale', async () => {
      expect(await slugsFor({})).toEqual(slugs(...onSale()));
    });

    it.each(['draft', 'archived', 'deleted', 'inactiveFacility', 'lapsedPermit', 'noPermit'])('never shows the %s product, whatever the query, and its slug is 404', async (which) => {
      const product = hidden[which];
      const queries: Query[] = [
        {},
        { q: product.name },
        { q: 'batik' },
        { q: 'keripik' },
        { region: '63' },
        { category: 'fesyen-batik' },
        { category: 'keripik-camilan' },
        { kind: product.kind },
        { sort: 'price_asc' },
        { sort: 'popular' },
        { inStock: 'true' },
      ];
      for (const query of queries) expect(await slugsFor(query)).not.toContain(product.slug);
      expectProblem(await request(t.http).get(`${PRODUCTS}/${product.slug}`), 404, 'NOT_FOUND');
    });

    it('keeps food whose permit runs out today on sale, and hides it the day after', async () => {
      await request(t.http).get(`${PRODUCTS}/${abon.slug}`).expect(200);
      expect(await slugsFor({ kind: 'FOOD' })).toContain(abon.slug);
      expect(await slugsFor({ kind: 'FOOD' })).not.toContain(hidden.lapsedPermit?.slug);
    });

    it('hides the products of a facility the moment it is deactivated', async () => {
      await t.dataSource.getRepository(Facility).update({ id: tarakan.id }, { active: false });
      try {
        expect(await slugsFor({})).not.toContain(bread.slug);
        expectProblem(await request(t.http).get(`${PRODUCTS}/${bread.slug}`), 404, 'NOT_FOUND');
      } finally {
        await t.dataSource.getRepository(Facility).update({ id: tarakan.id }, { active: true });
      }
      expect(await slugsFor({})).toContain(bread.slug);
    });
  });

  describe('filters', () => {
    it('facility: by slug', async () => {
      expect(await slugsFor({ facility: 'lapas-teluk-dalam' })).toEqual(slugs(sasirangan, tempe, carWash, catfish, abon));
      expect(await slugsFor({ facility: 'lapas-kerobokan' })).toEqual(slugs(batikShirt, songket));
    });

    it('region: a province by Kemendagri or ISO code, or every province of a Kanwil', async () => {
      const kalsel = slugs(sasirangan, purun, tempe, carWash, catfish, abon);
      expect(await slugsFor({ region: '63' })).toEqual(kalsel);
      expect(await slugsFor({ region: 'ID-KS' })).toEqual(kalsel);
      expect(await slugsFor({ region: 'kalsel' })).toEqual(kalsel);
      expect(await slugsFor({ region: 'KALSEL' })).toEqual(kalsel);
      expect(await slugsFor({ region: 'kaltim' })).toEqual(slugs(chair, bread, doughnut));
      expect(await slugsFor({ region: '64' })).toEqual(slugs(chair, doughnut));
      expect(await slugsFor({ region: 'ID-KU' })).toEqual(slugs(bread));
      expect(await slugsFor({ region: '11' })).toEqual([]);
    });

    it('category: a subcategory alone; a parent with its subcategories', async () => {
      expect(await slugsFor({ category: 'batik' })).toEqual(slugs(batikShirt));
      expect(await slugsFor({ category: 'fesyen-batik' })).toEqual(slugs(sasirangan, batikShirt, songket));
      expect(await slugsFor({ category: 'makanan-minuman' })).toEqual(slugs(tempe, bread, doughnut, abon));
      expect(await slugsFor({ category: 'roti-kue' })).toEqual(slugs(bread, doughnut));
      expect(await slugsFor({ category: 'laundry' })).toEqual([]);
    });

    it('program and kind', async () => {
      expect(await slugsFor({ program: 'KETAHANAN_PANGAN' })).toEqual(slugs(catfish));
      expect(await slugsFor({ program: 'SAE' })).toEqual(slugs(carWash, bread, doughnut));
      expect(await slugsFor({ program: 'GRIYA_ABHIPRAYA' })).toEqual([]);
      expect(await slugsFor({ kind: 'SERVICE' })).toEqual(slugs(carWash));
      expect(await slugsFor({ kind: 'FOOD' })).toEqual(slugs(tempe, bread, catfish, doughnut, abon));
      expect(await slugsFor({ kind: 'GOODS' })).toEqual(slugs(sasirangan, batikShirt, purun, chair, songket));
    });

    it('minPrice and maxPrice, both inclusive', async () => {
      expect(await slugsFor({ minPrice: '350000' })).toEqual(slugs(batikShirt, chair, songket));
      expect(await slugsFor({ maxPrice: '15000' })).toEqual(slugs(tempe, bread, doughnut));
      expect(await slugsFor({ minPrice: '25000', maxPrice: '85000' })).toEqual(slugs(catfish, carWash, purun, abon));
      expect(await slugsFor({ minPrice: '250000', maxPrice: '250000' })).toEqual(slugs(sasirangan));
      expect(await slugsFor({ minPrice: '0' })).toEqual(slugs(...onSale()));
    });

    it('inStock: true for available products, false for sold-out ones', async () => {
      expect(await slugsFor({ inStock: 'false' })).toEqual(slugs(batikShirt, catfish));
      expect(await slugsFor({ inStock: 'true' })).toEqual(slugs(...onSale().filter((p) => p.stock > 0)));
      const page = await list({ inStock: 'false' });
      for (const product of page.data) expect({ stock: product.stock, inStock: product.inStock }).toEqual({ stock: 0, inStock: false });
    });

    it('combines filters (all must hold)', async () => {
      expect(await slugsFor({ region: '63', kind: 'FOOD', inStock: 'true' })).toEqual(slugs(tempe, abon));
      expect(await slugsFor({ region: 'kalsel', category: 'makanan-minuman', maxPrice: '20000' })).toEqual(slugs(tempe));
      expect(await slugsFor({ facility: 'lapas-teluk-dalam', program: 'SAE' })).toEqual(slugs(carWash));
      expect(await slugsFor({ facility: 'lapas-kerobokan', region: '63' })).toEqual([]);
      expect(await slugsFor({ q: 'batik', region: '51' })).toEqual(slugs(batikShirt, songket));
      expect(await slugsFor({ q: 'batik', category: 'batik' })).toEqual(slugs(batikShirt));
      expect(await slugsFor({ q: 'roti', region: 'kaltim', minPrice: '3000', program: 'SAE', kind: 'FOOD', inStock: 'true' })).toEqual(slugs(bread));
    });

    it.each([
      ['facility', { facility: 'no-such-facility' }],
      ['facility', { facility: 'lapas-tutup' }],
      ['category', { category: 'no-such-category' }],
      ['region', { region: '99' }],
      ['region', { region: 'ID-XX' }],
      ['region', { region: 'nowhere' }],
    ])('refuses an unknown %s with 400 VALIDATION_FAILED naming it: %j', async (field, query) => {
      const problem = expectProblem(await request(t.http).get(PRODUCTS).query(query), 400, 'VALIDATION_FAILED');
      expect(problem.errors?.map((e) => e.field)).toEqual([field]);
      expect(problem.detail).toContain(Object.values(query)[0]);
    });

    it.each([
      ['minPrice', { minPrice: '-1' }],
      ['minPrice', { minPrice: 'abc' }],
      ['minPrice', { minPrice: '' }],
      ['minPrice', { minPrice: '1e3' }],
      ['minPrice', { minPrice: '10.5' }],
      ['maxPrice', { maxPrice: '2147483648' }],
      ['maxPrice', { minPrice: '5000', maxPrice: '4999' }],
      ['inStock', { inStock: 'yes' }],
      ['inStock', { inStock: '1' }],
      ['sort', { sort: 'cheapest' }],
      ['sort', { sort: 'relevance' }],
      ['program', { program: 'umkm' }],
      ['kind', { kind: 'food' }],
      ['facility', { facility: 'Lapas Teluk Dalam' }],
      ['category', { category: 'Batik!' }],
      ['q', { q: '' }],
      ['q', { q: '   ' }],
      ['q', { q: 'a'.repeat(101) }],
      ['q', { q: 'batik\u0000' }],
      ['limit', { limit: '0' }],
      ['limit', { limit: '101' }],
      ['limit', { limit: 'ten' }],
      ['color', { color: 'red' }],
      ['updatedSince', { updatedSince: 'yesterday' }],
      ['updatedSince', { updatedSince: '2026-01-01T00:00:00' }],
    ])('refuses a malformed %s with 400 VALIDATION_FAILED: %j', async (field, query) => {
      const problem = expectProblem(await request(t.http).get(PRODUCTS).query(query), 400, 'VALIDATION_FAILED');
      expect(problem.errors?.map((e) => e.field)).toContain(field);
    });

    it('refuses a repeated parameter instead of picking one', async () => {
      const response = await request(t.http).get(`${PRODUCTS}?kind=FOOD&kind=GOODS`);
      expect(expectProblem(response, 400, 'VALIDATION_FAILED').errors?.map((e) => e.field)).toContain('kind');
    });
  });

  describe('sorting', () => {
    const byNewest = byKeyThenId<Product>((p) => p.publishedAt?.getTime() ?? 0, (p) => p.id, -1);

    it('newest first by default (without q)', async () => {
      const expected = [...onSale()].sort(byNewest).map((p) => p.slug);
      expect(await orderFor({})).toEqual(expected);
      expect(await orderFor({ sort: 'newest' })).toEqual(expected);
      expect(expected[0]).toBe(abon.slug);
    });

    it('price_asc and price_desc, ties by id', async () => {
      const ascending = [...onSale()].sort(byKeyThenId((p) => p.price, (p) => p.id, 1)).map((p) => p.slug);
      expect(await orderFor({ sort: 'price_asc' })).toEqual(ascending);
      expect(await orderFor({ sort: 'price_desc' })).toEqual([...ascending].reverse());
      expect(ascending[0]).toBe(doughnut.slug);
    });

    it('popular: most sold first', async () => {
      const expected = [...onSale()].sort(byKeyThenId((p) => p.salesCount, (p) => p.id, -1)).map((p) => p.slug);
      expect(await orderFor({ sort: 'popular' })).toEqual(expected);
      expect(expected.slice(0, 3)).toEqual([tempe.slug, bread.slug, purun.slug]);
    });

    it('sorts filtered and searched lists too', async () => {
      expect(await orderFor({ region: '63', sort: 'price_desc' })).toEqual([sasirangan, purun, carWash, abon, catfish, tempe].map((p) => p.slug));
      expect(await orderFor({ q: 'kain', sort: 'price_asc' })).toEqual([sasirangan, songket].map((p) => p.slug));
      expect(await orderFor({ kind: 'FOOD', sort: 'popular' })).toEqual([tempe, bread, catfish, abon, doughnut].map((p) => p.slug));
    });
  });

  describe('search (q)', () => {
    it('finds whole words in the name, category, facility and description', async () => {
      expect(await slugsFor({ q: 'lele' })).toEqual(slugs(catfish));
      expect(await slugsFor({ q: 'Sasirangan' })).toEqual(slugs(sasirangan));
      expect(await slugsFor({ q: 'mebel' })).toEqual(slugs(chair));
      expect(await slugsFor({ q: 'kerobokan' })).toEqual(slugs(batikShirt, songket));
      expect(await slugsFor({ q: 'benang emas' })).toEqual(slugs(songket));
    });

    it.each([
      ['batk', 'a letter missing', () => [batikShirt]],
      ['sasirangn', 'a letter missing near the end', () => [sasirangan]],
      ['sasirongan', 'a wrong letter (beyond the default trigram threshold)', () => [sasirangan]],
      ['kripik tempe', 'a misspelt word of two', () => [tempe]],
      ['tas anyaman purn', 'a typo in the last of three words', () => [purun]],
    ])('still finds the product with one typo: %j (%s)', async (q, _label, expected) => {
      expect(await slugsFor({ q })).toEqual(slugs(...expected()));
    });

    it('ranks a match in the name above one in the description', async () => {
      expect(await orderFor({ q: 'batik' })).toEqual([batikShirt.slug, songket.slug]);
      expect(await orderFor({ q: 'batik', sort: 'relevance' })).toEqual([batikShirt.slug, songket.slug]);
      // "kain" is a whole word in the sasirangan's name and the songket's description.
      expect(await orderFor({ q: 'kain' })).toEqual([sasirangan.slug, songket.slug]);
    });

    it('looks for typos only when no product on sale (with the filters) has the words themselves', async () => {
      const misspelt = await makeProduct(t.dataSource, telukDalam, { name: 'Kemeja Batk Salah Ketik', categorySlug: 'konveksi' });
      try {
        // "batik" matches whole words, so the one-typo neighbour "Batk" is not listed with them...
        expect(await slugsFor({ q: 'batik' })).toEqual(slugs(batikShirt, songket));
        // ...and "batk" is now a whole word of a product on sale: that is the answer.
        expect(await slugsFor({ q: 'batk' })).toEqual([misspelt.slug]);
        // In Bali no product has the word "batk", so there the typo search runs.
        expect(await slugsFor({ q: 'batk', region: '51' })).toEqual(slugs(batikShirt));
      } finally {
        await t.dataSource.getRepository(Product).update({ id: misspelt.id }, { deletedAt: new Date() });
      }
      expect(await slugsFor({ q: 'batk' })).toEqual(slugs(batikShirt));
    });

    it('understands web search syntax: quoted phrases, OR and -exclusion', async () => {
      expect(await slugsFor({ q: '"kain sasirangan"' })).toEqual(slugs(sasirangan));
      expect(await slugsFor({ q: 'kain -sasirangan' })).toEqual(slugs(songket));
      expect(await slugsFor({ q: 'lele or donat' })).toEqual(slugs(catfish, doughnut));
      // Exclusion holds for typo matches too.
      expect(await slugsFor({ q: 'sasirangn' })).toEqual(slugs(sasirangan));
      expect(await slugsFor({ q: 'sasirangn -kain' })).toEqual([]);
      expect(await slugsFor({ q: 'sasirangn -"kain sasirangan"' })).toEqual([]);
      // Only an exclusion: everything without the word, as PostgreSQL's websearch reads it.
      expect(await slugsFor({ q: '-kain' })).toEqual(slugs(...onSale().filter((p) => p !== sasirangan && p !== songket)));
    });

    it('answers an empty list for nonsense or punctuation, never an error', async () => {
      for (const q of ['zzqxv', '!!!', 'a & b | !c :*', "'); DROP TABLE product; --", '((', '\u{1F600}']) {
        expect({ q, slugs: await slugsFor({ q }) }).toEqual({ q, slugs: [] });
      }
    });
  });

  describe('GET /api/v1/products/{slug}', () => {
    it('shows the public view: sorted images with URLs, valid certificates only, the maker credit', async () => {
      const response = await request(t.http).get(`${PRODUCTS}/${sasirangan.slug}`).expect(200);
      const { stories, ...body } = response.body as ProductView & { stories: unknown[] };
      expect(Object.keys(body).sort()).toEqual(PUBLIC_FIELDS);
      expect(stories).toEqual([]);
      const media = `${t.config.publicBaseUrl}/media/images`;
      expect(body).toEqual({
        id: sasirangan.id,
        slug: 'kain-sasirangan-gigi-haruan',
        name: 'Kain Sasirangan Motif Gigi Haruan',
        description: 'Dicelup dengan pewarna alam.',
        price: 250_000,
        currency: 'IDR',
        stock: 5,
        inStock: true,
        kind: 'GOODS',
        program: 'PEMBINAAN_KEMANDIRIAN',
        category: { slug: 'sasirangan', name: 'Sasirangan' },
        facility: {
          id: telukDalam.id,
          slug: 'lapas-teluk-dalam',
          name: 'Lapas Kelas IIA Teluk Dalam',
          type: 'LAPAS',
          region: '63',
          regionName: 'Kalimantan Selatan',
          kanwilCode: 'kalsel',
        },
        images: [
          {
            id: expect.any(String),
            alt: 'Dibentangkan',
            thumbUrl: `${media}/aa/${'a'.repeat(64)}/thumb.webp`,
            mediumUrl: `${media}/aa/${'a'.repeat(64)}/medium.webp`,
            largeUrl: `${media}/aa/${'a'.repeat(64)}/large.webp`,
            width: 1200,
            height: 800,
            position: 0,
          },
          {
            id: expect.any(String),
            alt: 'Dilipat',
            thumbUrl: `${media}/bb/${'b'.repeat(64)}/thumb.webp`,
            mediumUrl: `${media}/bb/${'b'.repeat(64)}/medium.webp`,
            largeUrl: `${media}/bb/${'b'.repeat(64)}/large.webp`,
            width: 1200,
            height: 900,
            position: 1,
          },
        ],
        maker: { credit: 'A.R., Bengkel kerja Lapas Teluk Dalam', type: 'INDIVIDUAL' },
        certifications: [{ kind: 'SNI', number: 'SNI 08-0287', issuer: 'BSN', validUntil: utcDay(365) }],
        weightGrams: 500,
        maxPerOrder: 10,
        publishedAt: sasirangan.publishedAt?.toISOString(),
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        webUrl: `${t.config.webBaseUrl}/produk/kain-sasirangan-gigi-haruan`,
      });
    });

    it('credits the workshop when the consent was withdrawn, and shows the food permit', async () => {
      const body = (await request(t.http).get(`${PRODUCTS}/${tempeSlug}`).expect(200)).body as ProductView;
      expect(body.maker).toEqual({ credit: 'Bengkel kerja Lapas Teluk Dalam', type: 'GROUP' });
      expect(body.certifications).toEqual([{ kind: 'SPP_IRT', number: expect.stringMatching(/^P-IRT/), issuer: 'Dinas Kesehatan', validUntil: '2099-12-31' }]);
      expect(body.images).toEqual([]);
    });

    it('is the same object the list shows', async () => {
      for (const product of [sasirangan, tempe, bread]) {
        const { stories, ...detail } = (await request(t.http).get(`${PRODUCTS}/${product.slug}`).expect(200)).body as ProductView & { stories: unknown[] };
        const page = await list({ q: product.name, limit: '100' });
        expect(page.data.find((p) => p.id === product.id)).toEqual(detail);
        expect(stories).toEqual([]);
      }
    });

    it('answers 404 for an unknown slug and 400 for a malformed one', async () => {
      const missing = await request(t.http).get(`${PRODUCTS}/no-such-product`);
      expectProblem(missing, 404, 'NOT_FOUND');
      expect(missing.headers['cache-control']).toBe('no-store');
      for (const slug of ['Kain-Batik', 'kain--batik', encodeURIComponent('kain batik'), 'a'.repeat(121)]) {
        expectProblem(await request(t.http).get(`${PRODUCTS}/${slug}`), 400, 'VALIDATION_FAILED');
      }
    });
  });

  describe('HTTP caching', () => {
    it.each([
      ['the list', () => `${PRODUCTS}?region=63&sort=price_asc`],
      ['a product', () => `${PRODUCTS}/${carWash.slug}`],
      ['the categories', () => '/api/v1/categories'],
    ])('sends an ETag and short public Cache-Control for %s, and 304 for If-None-Match', async (_label, url) => {
      const first = await request(t.http).get(url()).expect(200);
      const etag = String(first.headers['etag']);
      // Weak, from the bytes sent: their length and CRC-32 (common/http/weak-etag.ts).
      const sent = Buffer.from(first.text);
      expect(etag).toBe(`W/"${sent.length.toString(16)}-${crc32(sent).toString(16)}"`);
      expect(first.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=60');
      const second = await request(t.http).get(url()).set('If-None-Match', etag).expect(304);
      expect(second.text).toBe('');
      await request(t.http).get(url()).set('If-None-Match', 'W/"something-else"').expect(200);
    });

    it('changes the ETag when the product changes', async () => {
      const url = `${PRODUCTS}/${carWash.slug}`;
      const before = String((await request(t.http).get(url).expect(200)).headers['etag']);
      const listBefore = String((await request(t.http).get(PRODUCTS).query({ facility: 'lapas-teluk-dalam' }).expect(200)).headers['etag']);
      await t.dataSource.getRepository(Product).update({ id: carWash.id }, { price: 55_000 });
      try {
        const after = await request(t.http).get(url).set('If-None-Match', before).expect(200);
        expect(after.headers['etag']).not.toBe(before);
        expect((after.body as ProductView).price).toBe(55_000);
        const listAfter = await request(t.http).get(PRODUCTS).query({ facility: 'lapas-teluk-dalam' }).set('If-None-Match', listBefore).expect(200);
        expect(listAfter.headers['etag']).not.toBe(listBefore);
      } finally {
        await t.dataSource.getRepository(Product).update({ id: carWash.id }, { price: 50_000 });
      }
    });
  });

  describe('GET /api/v1/categories', () => {
    it('gives the tree as a flat list, each parent followed by its subcategories, with public product counts', async () => {
      const response = await request(t.http).get('/api/v1/categories').expect(200);
      const body = response.body as { data: PublicCategoryView[]; nextCursor: null };
      expect(body.nextCursor).toBeNull();
      expect(body.data).toHaveLength(26);
      const parents = body.data.filter((c) => c.parentSlug === null);
      expect(parents.map((c) => c.slug)).toEqual(['kerajinan', 'mebel', 'fesyen-batik', 'makanan-minuman', 'hasil-tani-perikanan', 'jasa']);
      // Every subcategory comes right after its parent or a sibling.
      let parent: string | null = null;
      for (const category of body.data) {
        if (category.parentSlug === null) parent = category.slug;
        else expect({ slug: category.slug, parent: category.parentSlug }).toEqual({ slug: category.slug, parent });
      }
      const count = (slug: string): number | undefined => body.data.find((c) => c.slug === slug)?.productCount;
      expect(body.data.find((c) => c.slug === 'sasirangan')).toEqual({ slug: 'sasirangan', name: 'Sasirangan', parentSlug: 'fesyen-batik', position: 2, productCount: 1 });
      // Hidden batik products (draft, archived, deleted, closed facility) are not counted.
      expect(count('batik')).toBe(1);
      expect(count('fesyen-batik')).toBe(3);
      expect(count('keripik-camilan')).toBe(1);
      expect(count('makanan-minuman')).toBe(4);
      expect(count('kerajinan')).toBe(1);
      expect(count('jasa')).toBe(1);
      expect(count('laundry')).toBe(0);
    });
  });

  describe('keyset pagination', () => {
    const REGION = '61'; // Kalimantan Barat: only the products made here
    let pagingFacility: Facility;
    let paging: Product[];

    beforeAll(async () => {
      pagingFacility = await makeFacility(t.dataSource, { slug: 'lapas-paging', provinceCode: REGION, shortName: 'Lapas Paging', city: 'Pontianak' });
      paging = [];
      const base = Date.UTC(2026, 5, 1);
      for (let i = 0; i < 30; i += 1) {
        paging.push(
          await makeProduct(t.dataSource, pagingFacility, {
            // Every third shares a price, sales count and publication time with its neighbours: ids break the ties.
            name: i % 2 === 0 ? `Kain Tenun Paging ${i}` : `Tas Paging ${i}`,
            description: i % 2 === 0 ? 'Tenunan tangan.' : 'Anyaman dengan motif tenun.',
            price: 10_000 + Math.floor(i / 3) * 1_000,
            salesCount: (i * 7) % 5,
            publishedAt: new Date(base + Math.floor(i / 3) * 60_000),
          }),
        );
      }
      // Three more published in the same millisecond, microseconds apart: a JavaScript Date
      // cursor would skip two of them.
      for (const micro of ['100', '200', '300']) {
        const product = await makeProduct(t.dataSource, pagingFacility, { name: `Tas Paging Mikro ${micro}`, price: 9_000, salesCount: 9 });
        await t.dataSource.query(`UPDATE product SET published_at = '2026-07-01T00:00:00.000${micro}Z' WHERE id = $1`, [product.id]);
        paging.push(product);
      }
    });

    async function walk(query: Query, limit: number, between?: (round: number) => Promise<void>): Promise<{ items: ProductView[]; pageSizes: number[] }> {
      const items: ProductView[] = [];
      const pageSizes: number[] = [];
      let cursor: string | null = null;
      do {
        const page: ProductPage = await list({ region: REGION, ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
        items.push(...page.data);
        pageSizes.push(page.data.length);
        cursor = page.nextCursor;
        if (between) await between(pageSizes.length);
      } while (cursor !== null && pageSizes.length < 100);
      return { items, pageSizes };
    }

    /** The order the database itself gives, as the reference. */
    async function databaseOrder(orderBy: string): Promise<string[]> {
      const rows = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM product WHERE facility_id = $1 ORDER BY ${orderBy}`, [pagingFacility.id]);
      return rows.map((row) => row.id);
    }

    it.each([
      ['newest', 'published_at DESC, id DESC'],
      ['price_asc', 'price ASC, id ASC'],
      ['price_desc', 'price DESC, id DESC'],
      ['popular', 'sales_count DESC, id DESC'],
    ])('%s: visits every product exactly once, in order, ending with a null cursor', async (sort, orderBy) => {
      const { items, pageSizes } = await walk({ sort }, 7);
      expect(pageSizes).toEqual([7, 7, 7, 7, 5]);
      expect(items.map((p) => p.id)).toEqual(await databaseOrder(orderBy));
    });

    it('relevance: visits every match exactly once, in the order of one big page, names before descriptions', async () => {
      const { items } = await walk({ q: 'tenun' }, 4);
      const whole = await list({ region: REGION, q: 'tenun', limit: '100' });
      expect(items.map((p) => p.id)).toEqual(whole.data.map((p) => p.id));
      expect(new Set(items.map((p) => p.id)).size).toBe(items.length);
      expect(items).toHaveLength(30);
      const firstDescriptionMatch = items.findIndex((p) => !p.name.includes('Tenun'));
      expect(firstDescriptionMatch).toBe(15);
      expect(items.slice(firstDescriptionMatch).every((p) => !p.name.includes('Tenun'))).toBe(true);
    });

    it('relevance of a typo search: pages stay with the typo matches, each exactly once', async () => {
      const { items, pageSizes } = await walk({ q: 'pagng' }, 4);
      const whole = await list({ region: REGION, q: 'pagng', limit: '100' });
      expect(whole.data.length).toBeGreaterThanOrEqual(33);
      expect(items.map((p) => p.id)).toEqual(whole.data.map((p) => p.id));
      expect(new Set(items.map((p) => p.id)).size).toBe(items.length);
      expect(pageSizes.length).toBe(Math.ceil(items.length / 4));
    });

    it('does not skip rows published in the same millisecond', async () => {
      const { items } = await walk({ sort: 'newest' }, 1);
      const micro = items.filter((p) => p.name.startsWith('Tas Paging Mikro')).map((p) => p.name);
      expect(micro).toEqual(['Tas Paging Mikro 300', 'Tas Paging Mikro 200', 'Tas Paging Mikro 100']);
      expect(items).toHaveLength(33);
    });

    it.each(['newest', 'price_asc', 'price_desc', 'popular', 'relevance', 'typos'])(
      '%s: neither repeats nor skips while new products arrive between pages',
      async (sort) => {
        const query: Query = sort === 'relevance' ? { q: 'paging' } : sort === 'typos' ? { q: 'pagng' } : { sort };
        const before = (await walk(query, 100)).items.map((p) => p.id);
        const inserted: Product[] = [];
        const { items } = await walk(query, 5, async (round) => {
          // One that sorts before everything, one after everything, one in the middle.
          inserted.push(await makeProduct(t.dataSource, pagingFacility, { name: `Tas Paging Baru ${sort} ${round}`, price: 1, salesCount: 1_000, publishedAt: new Date() }));
          inserted.push(await makeProduct(t.dataSource, pagingFacility, { name: `Tas Paging Lama ${sort} ${round}`, price: 5_000_000, salesCount: 0, publishedAt: new Date(Date.UTC(2001, 0, 1)) }));
          inserted.push(await makeProduct(t.dataSource, pagingFacility, { name: `Tas Paging Tengah ${sort} ${round}`, price: 12_500, salesCount: 2, publishedAt: new Date(Date.UTC(2026, 5, 1, 0, 4, 30)) }));
        });
        const ids = items.map((p) => p.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of before) expect(ids).toContain(id);
        expect(ids.length).toBeGreaterThan(before.length);
        // Clean up so the next sort starts from the same set.
        await t.dataSource.getRepository(Product).update(
          inserted.map((p) => p.id),
          { deletedAt: new Date() },
        );
      },
    );

    it('keeps the cursor of one sort from being used with another', async () => {
      const newest = await list({ region: REGION, limit: '3' });
      for (const sort of ['price_asc', 'price_desc', 'popular']) {
        const response = await request(t.http).get(PRODUCTS).query({ region: REGION, sort, cursor: String(newest.nextCursor) });
        expect(expectProblem(response, 400, 'VALIDATION_FAILED').errors).toEqual([{ field: 'cursor', message: expect.stringContaining('another sort') }]);
      }
      const relevance = await list({ region: REGION, q: 'paging', limit: '3' });
      expectProblem(await request(t.http).get(PRODUCTS).query({ region: REGION, sort: 'newest', cursor: String(relevance.nextCursor) }), 400, 'VALIDATION_FAILED');
      // The same sort with the same cursor works.
      await request(t.http).get(PRODUCTS).query({ region: REGION, cursor: String(newest.nextCursor) }).expect(200);
    });

    const encoded = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
    it.each([
      ['not base64 JSON', 'garbage!!'],
      ['too few values', encoded(['newest', 1])],
      ['a fractional timestamp', encoded(['newest', 1.5, '00000000-0000-4000-8000-000000000000'])],
      ['a huge number', encoded(['price_asc', 1e300, '00000000-0000-4000-8000-000000000000'])],
      ['an id that is not a UUID', encoded(['newest', 1, 'x'])],
      ['an unknown order', encoded(['cheapest', 1, '00000000-0000-4000-8000-000000000000'])],
    ])('refuses a cursor with %s with 400', async (_label, cursor) => {
      const problem = expectProblem(await request(t.http).get(PRODUCTS).query({ cursor, sort: 'price_asc' }), 400, 'VALIDATION_FAILED');
      expect(problem.errors?.map((e) => e.field)).toEqual(['cursor']);
    });

    it('pages 24 by default, and accepts limit 1 and 100', async () => {
      const defaulted = await list({ region: REGION });
      expect(defaulted.data).toHaveLength(24);
      expect(defaulted.nextCursor).not.toBeNull();
      expect((await list({ region: REGION, limit: '1' })).data).toHaveLength(1);
      const hundred = await list({ region: REGION, limit: '100' });
      expect(hundred.data).toHaveLength(33);
      expect(hundred.nextCursor).toBeNull();
    });
  });

  describe('GET /api/v1/products?updatedSince= (partner mirroring)', () => {
    type Change = ProductView | ProductTombstoneView;
    let bearer: string;

    beforeAll(async () => {
      bearer = (await signedInAs(t.http, t.dataSource, 'SUPERADMIN')).bearer;
    });

    async function changes(since: string, limit = 100, cursor?: string): Promise<Page<Change>> {
      const response = await request(t.http)
        .get(PRODUCTS)
        .query({ updatedSince: since, limit: String(limit), ...(cursor ? { cursor } : {}) })
        .set('Authorization', bearer);
      expect({ status: response.status, body: response.status === 200 ? 'ok' : response.body }).toEqual({ status: 200, body: 'ok' });
      expect(response.headers['cache-control']).toBe('private, no-store');
      return response.body as Page<Change>;
    }

    async function allChanges(since: string, limit: number): Promise<Change[]> {
      const seen: Change[] = [];
      let cursor: string | undefined;
      for (let round = 0; round < 1000; round += 1) {
        const page = await changes(since, limit, cursor);
        seen.push(...page.data);
        if (page.nextCursor === null) return seen;
        cursor = page.nextCursor;
      }
      throw new Error('the changes feed did not end');
    }

    const isTombstone = (change: Change): change is ProductTombstoneView => 'deleted' in change;

    /** The product page minus its stories: exactly what lists and the feed carry. */
    async function listView(slug: string): Promise<ProductView> {
      const { stories: _stories, ...view } = (await request(t.http).get(`${PRODUCTS}/${slug}`).expect(200)).body as ProductView & { stories: unknown[] };
      return view;
    }

    /**
     * A moment after every change so far and before every change to come: the database clock
     * rounded up to the next millisecond (the precision of updatedSince), then waited out.
     */
    async function databaseNow(): Promise<string> {
      const [row] = await t.dataSource.query<{ now: Date }[]>("SELECT date_trunc('milliseconds', now()) + interval '1 millisecond' AS now");
      await new Promise((resolve) => setTimeout(resolve, 3));
      return row.now.toISOString();
    }

    it.each([
      ['no credentials', {}],
      ['a malformed token', { Authorization: 'Bearer not-a-jwt' }],
      ['another scheme', { Authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ])('answers 401 UNAUTHENTICATED with %s', async (_label, headers: Record<string, string>) => {
      const response = await request(t.http).get(PRODUCTS).query({ updatedSince: '2020-01-01T00:00:00Z' }).set(headers);
      expectProblem(response, 401, 'UNAUTHENTICATED');
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('refuses to mix mirroring with the shop filters, and cursors of the shop lists', async () => {
      const mixed = await request(t.http).get(PRODUCTS).query({ updatedSince: '2020-01-01T00:00:00Z', region: '63', q: 'batik' }).set('Authorization', bearer);
      expect(expectProblem(mixed, 400, 'VALIDATION_FAILED').detail).toMatch(/q, region/);
      const shop = await list({ limit: '2' });
      const crossed = await request(t.http).get(PRODUCTS).query({ updatedSince: '2020-01-01T00:00:00Z', cursor: String(shop.nextCursor) }).set('Authorization', bearer);
      expectProblem(crossed, 400, 'VALIDATION_FAILED');
      const feed = await changes('2020-01-01T00:00:00Z', 2);
      expectProblem(await request(t.http).get(PRODUCTS).query({ cursor: String(feed.nextCursor) }), 400, 'VALIDATION_FAILED');
    });

    it('tells mirrors when a FOOD permit lapses with time: the nightly job turns the product into a tombstone, once', async () => {
      const lapsing = await makeProduct(t.dataSource, balikpapan, { name: 'Abon Ikan Haruan', kind: 'FOOD', categorySlug: 'keripik-camilan' });
      // Its permit ran out yesterday; nobody has touched it since the day before.
      await t.dataSource.query(
        `UPDATE product SET food_permit_valid_until = (now() AT TIME ZONE 'UTC')::date - 1, updated_at = now() - interval '2 days' WHERE id = $1`,
        [lapsing.id],
      );
      await t.dataSource.query(`UPDATE product_certificate SET valid_until = (now() AT TIME ZONE 'UTC')::date - 1 WHERE product_id = $1`, [lapsing.id]);
      const since = await databaseNow();
      expect((await allChanges(since, 100)).map((change) => change.id)).not.toContain(lapsing.id);

      const expiry = t.app.get(FoodPermitExpiry);
      expect(await expiry.touchLapsed()).toBe(1);
      const feed = await allChanges(since, 100);
      expect(feed.filter((change) => change.id === lapsing.id)).toEqual([{ id: lapsing.id, deleted: true, updatedAt: expect.any(String) }]);
      const announced = await t.dataSource.query<{ type: string }[]>(`SELECT type FROM outbox_event WHERE aggregate_id = $1`, [lapsing.id]);
      expect(announced).toEqual([{ type: 'product.updated' }]);
      expect(await expiry.touchLapsed()).toBe(0);
    });

    it('returns what changed since then, oldest first: public products in full, deleted and unpublished ones as tombstones', async () => {
      const since = await databaseNow();
      const repository = t.dataSource.getRepository(Product);
      await repository.update({ id: chair.id }, { deletedAt: new Date() });
      await repository.update({ id: doughnut.id }, { status: 'DRAFT' });
      await repository.update({ id: purun.id }, { price: 90_000 });
      const added = await makeProduct(t.dataSource, balikpapan, { name: 'Meja Ulin Baru', categorySlug: 'mebel' });

      const feed = await allChanges(since, 100);
      expect(feed.map((change) => change.id)).toEqual([chair.id, doughnut.id, purun.id, added.id]);
      expect(feed[0]).toEqual({ id: chair.id, deleted: true, updatedAt: expect.any(String) });
      expect(feed[1]).toEqual({ id: doughnut.id, deleted: true, updatedAt: expect.any(String) });
      const changedPurun = feed[2] as ProductView;
      expect(changedPurun.price).toBe(90_000);
      expect(changedPurun).toEqual(await listView(purun.slug));
      expect(Object.keys(feed[3] as ProductView).sort()).toEqual(PUBLIC_FIELDS);
      for (const change of feed) expect(Date.parse(change.updatedAt)).toBeGreaterThanOrEqual(Date.parse(since) - 1);
      // Nothing changed since the last change.
      const last = feed[feed.length - 1];
      expect((await changes(new Date(Date.parse(last.updatedAt) + 1).toISOString())).data).toEqual([]);
    });

    it('reports the products of a deactivated facility as tombstones, and in full once it is back', async () => {
      const since = await databaseNow();
      await t.dataSource.getRepository(Facility).update({ id: tarakan.id }, { active: false });
      const gone = await allChanges(since, 100);
      expect(gone).toEqual([{ id: bread.id, deleted: true, updatedAt: expect.any(String) }]);
      const back = await databaseNow();
      await t.dataSource.getRepository(Facility).update({ id: tarakan.id }, { active: true });
      const returned = await allChanges(back, 100);
      expect(returned).toEqual([await listView(bread.slug)]);
      // Other edits of the facility leave its products alone.
      const edited = await databaseNow();
      await t.dataSource.getRepository(Facility).update({ id: tarakan.id }, { phone: '(0551) 21000' });
      expect(await allChanges(edited, 100)).toEqual([]);
    });

    it('reports products whose view changed with their facility, category or maker consent', async () => {
      const since = await databaseNow();
      await t.dataSource.getRepository(Facility).update({ id: kerobokan.id }, { name: 'Lapas Kelas IIA Kerobokan Bali' });
      await t.dataSource.query(`UPDATE category SET name = 'Ikan Air Tawar' WHERE slug = 'ikan'`);
      await t.dataSource.getRepository(MakerConsent).update({ id: sasiranganConsentId }, { withdrawnAt: new Date() });
      const feed = (await allChanges(since, 100)) as ProductView[];
      const byId = new Map(feed.map((change) => [change.id, change]));
      expect([...byId.keys()].sort()).toEqual([batikShirt.id, songket.id, catfish.id, sasirangan.id].sort());
      expect(byId.get(batikShirt.id)?.facility.name).toBe('Lapas Kelas IIA Kerobokan Bali');
      expect(byId.get(catfish.id)?.category).toEqual({ slug: 'ikan', name: 'Ikan Air Tawar' });
      expect(byId.get(sasirangan.id)?.maker).toEqual({ credit: 'Bengkel kerja Lapas Teluk Dalam', type: 'GROUP' });
    });

    it('pages through changes that share a millisecond without skipping any', async () => {
      const ids: string[] = [];
      for (const micro of ['001', '002', '003', '004']) {
        const product = await makeProduct(t.dataSource, telukDalam, { name: `Produk Mirror Mikro ${micro}`, status: 'DRAFT', publishedAt: null });
        await t.dataSource.query(`UPDATE product SET updated_at = '2001-02-03T04:05:06.789${micro}Z' WHERE id = $1`, [product.id]);
        ids.push(product.id);
      }
      const feed = await allChanges('2001-02-03T04:05:06.789Z', 1);
      const tiny = feed.filter((change) => ids.includes(change.id));
      expect(tiny.map((change) => change.id)).toEqual(ids);
      expect(tiny.every(isTombstone)).toBe(true);
    });

    it('lets a mirror converge on the public catalog', async () => {
      const mirror = new Map<string, ProductView>();
      let checkpoint = '1970-01-01T00:00:00Z';
      const sync = async (): Promise<void> => {
        for (const change of await allChanges(checkpoint, 7)) {
          if (isTombstone(change)) mirror.delete(change.id);
          else mirror.set(change.id, change);
          // Ask again from the last change seen: at-or-after, so nothing of that millisecond is lost.
          if (change.updatedAt > checkpoint) checkpoint = change.updatedAt;
        }
      };
      const publicCatalog = async (): Promise<Map<string, ProductView>> => {
        const all = new Map<string, ProductView>();
        let cursor: string | null = null;
        do {
          const page: ProductPage = await list({ limit: '100', ...(cursor ? { cursor } : {}) });
          for (const product of page.data) all.set(product.id, product);
          cursor = page.nextCursor;
        } while (cursor !== null);
        return all;
      };

      await sync();
      expect(mirror).toEqual(await publicCatalog());
      expect(mirror.has(hidden.lapsedPermit?.id ?? '')).toBe(false);

      const repository = t.dataSource.getRepository(Product);
      await repository.update({ id: songket.id }, { deletedAt: new Date() });
      await repository.update({ id: batikShirt.id }, { stock: 4 });
      await repository.update({ id: doughnut.id }, { status: 'PUBLISHED' });
      await repository.update({ id: hidden.draft?.id ?? '' }, { status: 'PUBLISHED', publishedAt: new Date() });
      await makeProduct(t.dataSource, kerobokan, { name: 'Patung Kayu Baru', categorySlug: 'miniatur-ukiran' });
      await sync();
      const after = await publicCatalog();
      expect(mirror).toEqual(after);
      expect(after.has(songket.id)).toBe(false);
      expect(after.get(batikShirt.id)?.stock).toBe(4);
      expect(after.has(hidden.draft?.id ?? '')).toBe(true);
    });
  });
});

