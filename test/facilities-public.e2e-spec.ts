import request from 'supertest';
import type { Problem } from '../src/common/errors/problem';
import type { Page } from '../src/common/pagination/cursor';
import type { Facility } from '../src/facilities/facility.entity';
import type { FacilityView } from '../src/facilities/facility.views';
import { makeFacility } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type FacilityPage = Page<FacilityView>;

const PUBLIC_FIELDS = [
  'address',
  'contact',
  'description',
  'facilityClass',
  'id',
  'kind',
  'location',
  'name',
  'outlet',
  'region',
  'shipping',
  'shortName',
  'slug',
  'type',
  'updatedAt',
  'webUrl',
];

describe('public facilities: GET /api/v1/facilities', () => {
  let t: TestApp;
  // Kalimantan Selatan (63, Kanwil kalsel)
  let banjarmasin: Facility;
  let pelaihari: Facility;
  let martapura: Facility;
  let banjarbaru: Facility;
  let marabahan: Facility;
  let closedKalsel: Facility;
  // Kanwil kaltim: Kalimantan Timur (64) and Kalimantan Utara (65)
  let balikpapan: Facility;
  let tarakan: Facility;
  let closedKaltim: Facility;
  // Bali (51)
  let kerobokan: Facility;
  let percent: Facility;
  let underscore: Facility;
  let underscoreLookalike: Facility;

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    banjarmasin = await makeFacility(ds, {
      slug: 'lapas-banjarmasin',
      name: 'Lapas Kelas IIA Banjarmasin',
      shortName: 'Lapas Banjarmasin',
      city: 'Banjarmasin',
      outletName: 'Galeri WBP Lapas Banjarmasin',
      outletAddress: 'Jl. Pramuka No. 12',
      outletOpeningHours: 'Senin-Jumat 08.00-15.00 WITA',
      pickupAvailable: true,
      couriers: ['JNE', 'POS'],
      localDelivery: true,
      shippingBaseFee: 12_000,
      shippingPerKgFee: 8_000,
    });
    pelaihari = await makeFacility(ds, {
      type: 'RUTAN',
      facilityClass: 'IIB',
      name: 'Rutan Kelas IIB Pelaihari',
      shortName: 'Rutan Pelaihari',
      city: 'Pelaihari',
      latitude: null,
      longitude: null,
    });
    martapura = await makeFacility(ds, { type: 'LPKA', facilityClass: 'I', name: 'LPKA Kelas I Martapura', shortName: 'LPKA Martapura', city: 'Martapura' });
    banjarbaru = await makeFacility(ds, { name: 'Lapas Kelas IIB Banjarbaru', shortName: 'Labar Workshop', city: 'Banjarbaru' });
    marabahan = await makeFacility(ds, { type: 'RUTAN', name: 'Rutan Kelas IIB Barito Kuala', shortName: 'Rutan Batola', city: 'Marabahan' });
    closedKalsel = await makeFacility(ds, { name: 'Lapas Kelas III Tutup Banjarmasin', shortName: 'Lapas Tutup', city: 'Banjarmasin', active: false });
    balikpapan = await makeFacility(ds, { provinceCode: '64', name: 'Lapas Kelas IIA Balikpapan', shortName: 'Lapas Balikpapan', city: 'Balikpapan' });
    tarakan = await makeFacility(ds, { provinceCode: '65', type: 'BAPAS', facilityClass: 'II', name: 'Bapas Kelas II Tarakan', shortName: 'Bapas Tarakan', city: 'Tarakan' });
    closedKaltim = await makeFacility(ds, { provinceCode: '65', name: 'Rutan Kelas IIB Nunukan', shortName: 'Rutan Nunukan', city: 'Nunukan', active: false });
    kerobokan = await makeFacility(ds, { provinceCode: '51', name: 'Lapas Kelas IIA Kerobokan', shortName: 'Lapas Kerobokan', city: 'Badung' });
    percent = await makeFacility(ds, { provinceCode: '51', name: 'Galeri 100% Karya Bali', shortName: 'Galeri Karya', city: 'Denpasar' });
    underscore = await makeFacility(ds, { provinceCode: '51', type: 'RUTAN', name: 'Rutan Blok_C Bangli', shortName: 'Rutan Bangli', city: 'Bangli' });
    underscoreLookalike = await makeFacility(ds, { provinceCode: '51', type: 'RUTAN', name: 'Rutan BlokXC Gianyar', shortName: 'Rutan Gianyar', city: 'Gianyar' });
  });
  afterAll(() => t.close());

  async function list(query: Record<string, string>): Promise<FacilityPage> {
    const response = await request(t.http).get('/api/v1/facilities').query({ limit: '100', ...query }).expect(200);
    return response.body as FacilityPage;
  }

  async function slugsFor(query: Record<string, string>): Promise<string[]> {
    const page = await list(query);
    expect(page.nextCursor).toBeNull();
    return page.data.map((f) => f.slug).sort();
  }

  function slugs(...facilities: Facility[]): string[] {
    return facilities.map((f) => f.slug).sort();
  }

  function expectProblem(response: request.Response, status: number, code: string): Problem {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.body as Problem;
    expect(problem).toMatchObject({ status, code });
    expect(typeof problem.type).toBe('string');
    expect(typeof problem.title).toBe('string');
    expect(typeof problem.detail).toBe('string');
    return problem;
  }

  const kalselActive = (): Facility[] => [banjarmasin, pelaihari, martapura, banjarbaru, marabahan];

  describe('region filter', () => {
    it('accepts the Kemendagri code, the ISO code and the Kanwil code, each giving only Kalsel facilities', async () => {
      const expected = slugs(...kalselActive());
      expect(await slugsFor({ region: '63' })).toEqual(expected);
      expect(await slugsFor({ region: 'ID-KS' })).toEqual(expected);
      expect(await slugsFor({ region: 'kalsel' })).toEqual(expected);
      expect(await slugsFor({ region: 'KALSEL' })).toEqual(expected);
      const page = await list({ region: '63' });
      for (const facility of page.data) {
        expect(facility.region).toEqual({
          provinceCode: '63',
          provinceIso: 'ID-KS',
          provinceName: 'Kalimantan Selatan',
          kanwilCode: 'kalsel',
          kanwilName: 'Kanwil Ditjenpas Kalimantan Selatan',
        });
      }
    });

    it('by Kanwil code covers every province of the Kanwil; by province code only that province', async () => {
      expect(await slugsFor({ region: 'kaltim' })).toEqual(slugs(balikpapan, tarakan));
      expect(await slugsFor({ region: '64' })).toEqual(slugs(balikpapan));
      expect(await slugsFor({ region: '65' })).toEqual(slugs(tarakan));
      expect(await slugsFor({ region: 'ID-KU' })).toEqual(slugs(tarakan));
    });

    it('gives an empty list for a known region without facilities', async () => {
      const page = await list({ region: '11' });
      expect(page).toEqual({ data: [], nextCursor: null });
    });

    it.each(['99', 'ID-XX', 'nowhere', 'ID-KS-1', '6', "63' OR '1'='1", 'x'.repeat(33)])(
      'refuses the unknown region %j with 400 VALIDATION_FAILED',
      async (region) => {
        const response = await request(t.http).get('/api/v1/facilities').query({ region });
        const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
        expect(problem.errors?.map((e) => e.field)).toContain('region');
      },
    );
  });

  describe('type filter', () => {
    it('lists only facilities of the type', async () => {
      expect(await slugsFor({ type: 'RUTAN' })).toEqual(slugs(pelaihari, marabahan, underscore, underscoreLookalike));
      expect(await slugsFor({ type: 'BAPAS' })).toEqual(slugs(tarakan));
      expect(await slugsFor({ type: 'LPKA', region: 'kalsel' })).toEqual(slugs(martapura));
      expect(await slugsFor({ type: 'LPKA', region: 'kaltim' })).toEqual([]);
    });

    it.each(['rutan', 'PRISON', ''])('refuses type=%j', async (type) => {
      const response = await request(t.http).get('/api/v1/facilities').query({ type });
      const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(problem.errors?.map((e) => e.field)).toContain('type');
    });
  });

  describe('q filter', () => {
    it('matches the name case-insensitively', async () => {
      expect(await slugsFor({ q: 'KEROBOKAN' })).toEqual(slugs(kerobokan));
      expect(await slugsFor({ q: 'lpka kelas i martapura' })).toEqual(slugs(martapura));
    });

    it('matches the short name and the city too', async () => {
      expect(await slugsFor({ q: 'labar' })).toEqual(slugs(banjarbaru));
      expect(await slugsFor({ q: 'marabahan' })).toEqual(slugs(marabahan));
      expect(await slugsFor({ q: 'BATOLA' })).toEqual(slugs(marabahan));
      // "banjar" is in two names, and in the (inactive) third one.
      expect(await slugsFor({ q: 'banjar' })).toEqual(slugs(banjarmasin, banjarbaru));
    });

    it('combines with the other filters', async () => {
      expect(await slugsFor({ q: 'kelas iib', type: 'RUTAN', region: '63' })).toEqual(slugs(pelaihari, marabahan));
      expect(await slugsFor({ q: 'tarakan', region: 'kalsel' })).toEqual([]);
    });

    it('treats % and _ literally, not as wildcards', async () => {
      expect(await slugsFor({ q: '%' })).toEqual(slugs(percent));
      expect(await slugsFor({ q: '100%' })).toEqual(slugs(percent));
      expect(await slugsFor({ q: '%%' })).toEqual([]);
      expect(await slugsFor({ q: '_' })).toEqual(slugs(underscore));
      expect(await slugsFor({ q: 'blok_c' })).toEqual(slugs(underscore));
      expect(await slugsFor({ q: 'Blok%C' })).toEqual([]);
      expect(await slugsFor({ q: '\\' })).toEqual([]);
    });

    it('matches unicode text and refuses a NUL character with 400, not 500', async () => {
      expect(await slugsFor({ q: 'Kerobokan\u00e9' })).toEqual([]);
      expect(await slugsFor({ q: '\u{1F600}' })).toEqual([]);
      const response = await request(t.http).get('/api/v1/facilities').query({ q: 'Lapas\u0000' });
      expectProblem(response, 400, 'VALIDATION_FAILED');
    });

    it('refuses an empty q and one over 100 characters', async () => {
      expectProblem(await request(t.http).get('/api/v1/facilities').query({ q: '' }), 400, 'VALIDATION_FAILED');
      expectProblem(await request(t.http).get('/api/v1/facilities').query({ q: 'a'.repeat(101) }), 400, 'VALIDATION_FAILED');
      await request(t.http).get('/api/v1/facilities').query({ q: 'a'.repeat(100) }).expect(200);
    });
  });

  describe('inactive facilities', () => {
    it('are never listed, whatever the filter', async () => {
      const hidden = [closedKalsel.slug, closedKaltim.slug];
      const queries: Record<string, string>[] = [{}, { region: '63' }, { region: 'kaltim' }, { q: 'tutup' }, { q: 'nunukan' }, { type: 'RUTAN' }];
      for (const query of queries) {
        const page = await list(query);
        for (const slug of hidden) expect(page.data.map((f) => f.slug)).not.toContain(slug);
      }
      expect(await slugsFor({ q: 'tutup' })).toEqual([]);
    });

    it('answer 404 by slug', async () => {
      const response = await request(t.http).get(`/api/v1/facilities/${closedKalsel.slug}`);
      expectProblem(response, 404, 'NOT_FOUND');
      await request(t.http).get(`/api/v1/facilities/${banjarmasin.slug}`).expect(200);
    });
  });

  describe('list response', () => {
    it('sends the public shape for each item, sorted by name, with public caching', async () => {
      const response = await request(t.http).get('/api/v1/facilities').expect(200);
      const page = response.body as FacilityPage;
      expect(page.nextCursor).toBeNull();
      expect(page.data).toHaveLength(11);
      for (const facility of page.data) expect(Object.keys(facility).sort()).toEqual(PUBLIC_FIELDS);
      // "By name" as the database collates names: compare with its own ordering, not JavaScript's.
      const ordered = await t.dataSource.query<{ id: string }[]>('SELECT id FROM facility WHERE active ORDER BY name, id');
      expect(page.data.map((f) => f.id)).toEqual(ordered.map((row) => row.id));
      expect(response.headers['cache-control']).toMatch(/^public, max-age=\d+/);
      expect(response.headers['etag']).toBeTruthy();
    });
  });

  describe('GET /api/v1/facilities/{slug}', () => {
    it('answers the public shape, without admin-only fields', async () => {
      const response = await request(t.http).get('/api/v1/facilities/lapas-banjarmasin').expect(200);
      const body = response.body as FacilityView & Record<string, unknown>;
      // The page adds what other features count (products on sale) to the list item's fields.
      expect(Object.keys(body).sort()).toEqual([...PUBLIC_FIELDS, 'impact', 'latestStories', 'productCount', 'storyCount'].sort());
      for (const adminOnly of ['active', 'revenueSplit', 'version', 'createdAt', 'kanwilId', 'provinceCode']) {
        expect(body).not.toHaveProperty(adminOnly);
      }
      expect(body).toEqual({
        id: banjarmasin.id,
        slug: 'lapas-banjarmasin',
        type: 'LAPAS',
        facilityClass: 'IIA',
        kind: 'UMUM',
        name: 'Lapas Kelas IIA Banjarmasin',
        shortName: 'Lapas Banjarmasin',
        region: {
          provinceCode: '63',
          provinceIso: 'ID-KS',
          provinceName: 'Kalimantan Selatan',
          kanwilCode: 'kalsel',
          kanwilName: 'Kanwil Ditjenpas Kalimantan Selatan',
        },
        address: { line: banjarmasin.address, city: 'Banjarmasin', postalCode: '70117' },
        contact: { phone: banjarmasin.phone, email: banjarmasin.email },
        description: 'Test facility',
        location: { latitude: -3.3, longitude: 114.6 },
        outlet: {
          name: 'Galeri WBP Lapas Banjarmasin',
          address: 'Jl. Pramuka No. 12',
          openingHours: 'Senin-Jumat 08.00-15.00 WITA',
          pickupAvailable: true,
        },
        shipping: { baseFee: 12_000, perKgFee: 8_000, couriers: ['JNE', 'POS'], localDelivery: true, currency: 'IDR' },
        updatedAt: banjarmasin.updatedAt.toISOString(),
        webUrl: `${t.config.webBaseUrl}/unit/lapas-banjarmasin`,
        productCount: 0,
        storyCount: 0,
        latestStories: [],
        impact: { itemsSold: 0, revenue: 0, premiPaid: 0, foodKgSold: 0 },
      });
      expect(Number.isInteger(body.shipping.baseFee)).toBe(true);
      expect(body.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    });

    it('gives null location and outlet when the facility has none', async () => {
      const response = await request(t.http).get(`/api/v1/facilities/${pelaihari.slug}`).expect(200);
      const body = response.body as FacilityView;
      expect(body.location).toBeNull();
      expect(body.outlet).toBeNull();
      expect(body.type).toBe('RUTAN');
      expect(body.facilityClass).toBe('IIB');
    });

    it('matches the list item of the same facility', async () => {
      const { productCount, storyCount, latestStories, impact, ...detail } = (await request(t.http).get(`/api/v1/facilities/${tarakan.slug}`).expect(200)).body as FacilityView & {
        productCount: number;
        storyCount: number;
        latestStories: unknown[];
        impact: unknown;
      };
      const page = await list({ region: '65' });
      expect(page.data).toEqual([detail]);
      expect({ productCount, storyCount, latestStories, impact }).toEqual({
        productCount: 0,
        storyCount: 0,
        latestStories: [],
        impact: { itemsSold: 0, revenue: 0, premiPaid: 0, foodKgSold: 0 },
      });
    });

    it('sends an ETag and public caching, and answers If-None-Match with 304', async () => {
      const first = await request(t.http).get(`/api/v1/facilities/${kerobokan.slug}`).expect(200);
      const etag = first.headers['etag'];
      expect(etag).toBeTruthy();
      expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+/);
      const second = await request(t.http).get(`/api/v1/facilities/${kerobokan.slug}`).set('If-None-Match', String(etag)).expect(304);
      expect(second.text).toBe('');
      await request(t.http).get(`/api/v1/facilities/${kerobokan.slug}`).set('If-None-Match', '"something-else"').expect(200);
      const other = await request(t.http).get(`/api/v1/facilities/${percent.slug}`).expect(200);
      expect(other.headers['etag']).not.toBe(etag);
    });

    it('answers 404 NOT_FOUND for an unknown slug', async () => {
      const response = await request(t.http).get('/api/v1/facilities/no-such-facility');
      expectProblem(response, 404, 'NOT_FOUND');
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it.each([
      ['Bad Slug!', encodeURIComponent('Bad Slug!')],
      ['upper case', 'Lapas-Banjarmasin'],
      ['double hyphen', 'lapas--banjarmasin'],
      ['leading hyphen', '-lapas'],
      ['underscore', 'lapas_banjarmasin'],
      ['too long', 'a'.repeat(121)],
      ['SQL-ish', encodeURIComponent("x' OR '1'='1")],
    ])('refuses a malformed slug (%s) with 400 VALIDATION_FAILED', async (_label, slug) => {
      const response = await request(t.http).get(`/api/v1/facilities/${slug}`);
      const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(problem.errors?.map((e) => e.field)).toContain('slug');
    });
  });

  describe('keyset pagination', () => {
    const REGION = '61'; // Kalimantan Barat: only the facilities made here
    let paging: Facility[];

    beforeAll(async () => {
      // Created out of name order; three share a name, so the id breaks the tie.
      const numbers = [17, 3, 25, 9, 1, 22, 14, 6, 28, 11, 19, 2, 26, 8, 15, 4, 23, 12, 20, 7, 27, 10, 16, 5, 24, 13, 21, 18];
      paging = [];
      for (const n of numbers) {
        paging.push(await makeFacility(t.dataSource, { provinceCode: REGION, name: `Lapas Paging ${String(n).padStart(3, '0')}` }));
      }
      for (let i = 0; i < 3; i += 1) {
        paging.push(await makeFacility(t.dataSource, { provinceCode: REGION, name: 'Lapas Paging 015' }));
      }
      await makeFacility(t.dataSource, { provinceCode: REGION, name: 'Lapas Paging 016 Tutup', active: false });
    });

    function byNameThenId(a: { name: string; id: string }, b: { name: string; id: string }): number {
      if (a.name !== b.name) return a.name < b.name ? -1 : 1;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    }

    async function page(query: Record<string, string>): Promise<FacilityPage> {
      const response = await request(t.http).get('/api/v1/facilities').query({ region: REGION, ...query }).expect(200);
      return response.body as FacilityPage;
    }

    it('visits every facility exactly once, in name order, and ends with a null cursor', async () => {
      expect(paging).toHaveLength(31);
      const seen: FacilityView[] = [];
      const pageSizes: number[] = [];
      let cursor: string | null = null;
      do {
        const current: FacilityPage = await page(cursor ? { limit: '7', cursor } : { limit: '7' });
        pageSizes.push(current.data.length);
        seen.push(...current.data);
        cursor = current.nextCursor;
        if (cursor !== null) expect(typeof cursor).toBe('string');
      } while (cursor !== null && pageSizes.length < 20);
      expect(pageSizes).toEqual([7, 7, 7, 7, 3]);
      expect(seen.map((f) => f.id)).toEqual([...paging].sort(byNameThenId).map((f) => f.id));
      expect(new Set(seen.map((f) => f.id)).size).toBe(31);
    });

    it('gives a null cursor when the last page is exactly full', async () => {
      const first = await page({ limit: '31' });
      expect(first.data).toHaveLength(31);
      expect(first.nextCursor).toBeNull();
      const shorter = await page({ limit: '30' });
      expect(shorter.data).toHaveLength(30);
      expect(shorter.nextCursor).not.toBeNull();
      const rest = await page({ limit: '30', cursor: String(shorter.nextCursor) });
      expect(rest.data).toHaveLength(1);
      expect(rest.nextCursor).toBeNull();
    });

    it('does not repeat or skip facilities when new ones are inserted between page requests', async () => {
      const seen: FacilityView[] = [];
      const inserted: Facility[] = [];
      let cursor: string | null = null;
      let round = 0;
      do {
        const current: FacilityPage = await page(cursor ? { limit: '7', cursor } : { limit: '7' });
        seen.push(...current.data);
        cursor = current.nextCursor;
        round += 1;
        // One facility sorting before everything seen so far, one sorting last, one tying a seen name.
        inserted.push(await makeFacility(t.dataSource, { provinceCode: REGION, name: `Lapas Paging 000 Baru ${round}` }));
        inserted.push(await makeFacility(t.dataSource, { provinceCode: REGION, name: `Lapas Paging 999 Baru ${round}` }));
        inserted.push(await makeFacility(t.dataSource, { provinceCode: REGION, name: 'Lapas Paging 001' }));
      } while (cursor !== null && round < 20);

      const ids = seen.map((f) => f.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const original of paging) expect(ids).toContain(original.id);
      expect(seen.map((f) => f.name)).toEqual([...seen].sort(byNameThenId).map((f) => f.name));
      // Everything sorting after the first page's last row had the chance to be seen, so the
      // facilities named to sort last are all listed, the ones named to sort first none of them.
      const seenInserted = inserted.filter((f) => ids.includes(f.id)).map((f) => f.name);
      expect(seenInserted.filter((name) => name.startsWith('Lapas Paging 000'))).toEqual([]);
      expect(seenInserted.filter((name) => name.startsWith('Lapas Paging 999')).length).toBeGreaterThanOrEqual(4);
    });

    it('keeps a cursor valid for the same query with the other filters', async () => {
      const first = await page({ limit: '2', q: 'paging 02' });
      expect(first.data.map((f) => f.name)).toEqual(['Lapas Paging 020', 'Lapas Paging 021']);
      const second = await page({ limit: '2', q: 'paging 02', cursor: String(first.nextCursor) });
      expect(second.data.map((f) => f.name)).toEqual(['Lapas Paging 022', 'Lapas Paging 023']);
    });

    it.each([
      ['0', 'limit'],
      ['101', 'limit'],
      ['-1', 'limit'],
      ['1.5', 'limit'],
      ['abc', 'limit'],
      ['', 'limit'],
    ])('refuses limit=%j with 400', async (limit, field) => {
      const response = await request(t.http).get('/api/v1/facilities').query({ limit });
      const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(problem.errors?.map((e) => e.field)).toContain(field);
    });

    it('defaults to 24 per page', async () => {
      const defaulted = await page({});
      expect(defaulted.data).toHaveLength(24);
      expect(defaulted.nextCursor).not.toBeNull();
      expect(defaulted).toEqual(await page({ limit: '24' }));
    });

    it('accepts limit=1 and limit=100', async () => {
      expect((await page({ limit: '1' })).data).toHaveLength(1);
      expect((await page({ limit: '100' })).data.length).toBeGreaterThan(31);
    });

    const encoded = (value: string): string => Buffer.from(value, 'utf8').toString('base64url');
    it.each([
      ['not base64 JSON', 'garbage!!'],
      ['plain text', encoded('hello')],
      ['a JSON object', encoded('{"name":"x","id":"y"}')],
      ['too few values', encoded('["Lapas Paging 001"]')],
      ['too many values', encoded('["a","00000000-0000-4000-8000-000000000000","c"]')],
      ['wrong value types', encoded('[1,2]')],
      ['an id that is not a UUID', encoded('["Lapas Paging 001","not-a-uuid"]')],
      ['a NUL byte in the name', encoded('["Lapas\\u0000","00000000-0000-4000-8000-000000000000"]')],
      ['over 512 characters', 'a'.repeat(513)],
    ])('refuses a garbage cursor (%s) with 400', async (_label, cursor) => {
      const response = await request(t.http).get('/api/v1/facilities').query({ cursor });
      const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(problem.errors?.map((e) => e.field)).toContain('cursor');
    });
  });
});
