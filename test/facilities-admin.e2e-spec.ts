import request from 'supertest';
import type { AuditEventView } from '../src/audit/audit-event.view';
import type { Problem } from '../src/common/errors/problem';
import type { Page } from '../src/common/pagination/cursor';
import { Facility } from '../src/facilities/facility.entity';
import type { FacilityAdminView, FacilityView, RevenueSplitView } from '../src/facilities/facility.views';
import { kanwilId, makeFacility, MadeUser, signedInAs, Tokens } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type SignedIn = MadeUser & Tokens & { bearer: string };
type Body = Record<string, unknown>;

const ADMIN = '/api/v1/admin/facilities';
const AUDIT = '/api/v1/admin/audit-events';
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A UTC calendar day `days` from today, as YYYY-MM-DD. */
function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

let sequence = 0;

/** A valid create request for Kalimantan Selatan; tests override what they exercise. */
function newFacilityBody(overrides: Body = {}): Body {
  sequence += 1;
  const tag = `${sequence}${Math.random().toString(36).slice(2, 6)}`;
  return {
    type: 'LAPAS',
    facilityClass: 'IIA',
    name: `Lapas Kelas IIA Baru ${tag}`,
    shortName: `Lapas Baru ${tag}`,
    provinceCode: '63',
    address: { line: 'Jl. Pramuka No. 12, Teluk Dalam', city: 'Banjarmasin', postalCode: '70117' },
    ...overrides,
  };
}

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status, body: { status, code } });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = response.body as Problem;
  expect(typeof problem.type).toBe('string');
  expect(typeof problem.title).toBe('string');
  expect(typeof problem.detail).toBe('string');
  return problem;
}

function fieldsOf(problem: Problem): string[] {
  return (problem.errors ?? []).map((e) => e.field);
}

describe('admin facilities: /api/v1/admin/facilities', () => {
  let t: TestApp;
  let kalselId: string;
  let baliId: string;
  let facilityA: Facility;
  let facilityB: Facility;
  let baliFacility: Facility;
  let superadmin: SignedIn;
  let regional: SignedIn;
  let regionalBali: SignedIn;
  let adminA: SignedIn;

  beforeAll(async () => {
    t = await startTestApp();
    kalselId = await kanwilId(t.dataSource, 'kalsel');
    baliId = await kanwilId(t.dataSource, 'bali');
    facilityA = await makeFacility(t.dataSource, { name: 'Lapas Kelas IIA Banjarmasin', shortName: 'Lapas Banjarmasin', couriers: ['JNE', 'POS'] });
    facilityB = await makeFacility(t.dataSource, { name: 'Lapas Kelas IIB Banjarbaru', shortName: 'Lapas Banjarbaru' });
    baliFacility = await makeFacility(t.dataSource, { provinceCode: '51', name: 'Lapas Kelas IIA Kerobokan', shortName: 'Lapas Kerobokan', city: 'Badung' });
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
    regional = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: kalselId });
    regionalBali = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: baliId });
    adminA = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: facilityA });
  });
  afterAll(() => t.close());

  const get = (who: SignedIn, path: string): request.Test => request(t.http).get(path).set('Authorization', who.bearer);
  const post = (who: SignedIn, path: string, body: unknown): request.Test =>
    request(t.http).post(path).set('Authorization', who.bearer).send(body as object);
  const patch = (who: SignedIn, path: string, body: unknown): request.Test =>
    request(t.http).patch(path).set('Authorization', who.bearer).send(body as object);

  async function adminView(id: string, who: SignedIn = superadmin): Promise<FacilityAdminView> {
    return (await get(who, `${ADMIN}/${id}`).expect(200)).body as FacilityAdminView;
  }

  async function listIds(who: SignedIn, query: Record<string, string> = {}): Promise<string[]> {
    const response = await get(who, ADMIN).query({ limit: '100', ...query }).expect(200);
    const page = response.body as Page<FacilityAdminView>;
    expect(page.nextCursor).toBeNull();
    return page.data.map((f) => f.id).sort();
  }

  async function auditEvents(who: SignedIn, query: Record<string, string> = {}): Promise<AuditEventView[]> {
    const events: AuditEventView[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages += 1) {
      const response = await get(who, AUDIT)
        .query({ limit: '100', ...query, ...(cursor ? { cursor } : {}) })
        .expect(200);
      const page = response.body as Page<AuditEventView>;
      events.push(...page.data);
      cursor = page.nextCursor;
      if (cursor === null) return events;
    }
    throw new Error('audit list did not end');
  }

  async function createAs(who: SignedIn, overrides: Body = {}): Promise<FacilityAdminView> {
    const response = await post(who, ADMIN, newFacilityBody(overrides)).expect(201);
    return response.body as FacilityAdminView;
  }

  describe('authentication', () => {
    it.each([
      ['GET', ADMIN],
      ['GET', `${ADMIN}/${MISSING_ID}`],
      ['POST', ADMIN],
      ['PATCH', `${ADMIN}/${MISSING_ID}`],
      ['GET', `${ADMIN}/${MISSING_ID}/revenue-split-rules`],
      ['POST', `${ADMIN}/${MISSING_ID}/revenue-split-rules`],
      ['GET', AUDIT],
    ])('refuses %s %s without a token with 401 UNAUTHENTICATED', async (method, path) => {
      const response = await request(t.http)[method === 'GET' ? 'get' : method === 'POST' ? 'post' : 'patch'](path).send({});
      expectProblem(response, 401, 'UNAUTHENTICATED');
    });

    it('refuses a malformed or forged token with 401', async () => {
      expectProblem(await request(t.http).get(ADMIN).set('Authorization', 'Bearer not.a.jwt'), 401, 'UNAUTHENTICATED');
      expectProblem(await request(t.http).get(ADMIN).set('Authorization', superadmin.accessToken), 401, 'UNAUTHENTICATED');
      const [header, payload] = superadmin.accessToken.split('.');
      expectProblem(await request(t.http).get(ADMIN).set('Authorization', `Bearer ${header}.${payload}.forged`), 401, 'UNAUTHENTICATED');
    });

    it('answers admin reads with no-store', async () => {
      const response = await get(superadmin, `${ADMIN}/${facilityA.id}`).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
    });
  });

  describe('scope: FACILITY_ADMIN', () => {
    it('lists only its own facility', async () => {
      expect(await listIds(adminA)).toEqual([facilityA.id]);
      expect(await listIds(adminA, { region: 'kalsel' })).toEqual([facilityA.id]);
      expect(await listIds(adminA, { q: 'banjarbaru' })).toEqual([]);
    });

    it('reads its own facility with the admin fields', async () => {
      const view = await adminView(facilityA.id, adminA);
      expect(view).toMatchObject({ id: facilityA.id, slug: facilityA.slug, active: true, version: 1 });
      expect(view.revenueSplit).toMatchObject({ facilityId: null, premiPercent: 50, pnbpPercent: 15, capitalPercent: 35 });
      expect(typeof view.createdAt).toBe('string');
    });

    it('gets 404 for another facility of the same Kanwil: GET, PATCH and revenue split', async () => {
      expectProblem(await get(adminA, `${ADMIN}/${facilityB.id}`), 404, 'NOT_FOUND');
      expectProblem(await patch(adminA, `${ADMIN}/${facilityB.id}`, { description: 'taken over' }), 404, 'NOT_FOUND');
      expectProblem(await get(adminA, `${ADMIN}/${facilityB.id}/revenue-split-rules`), 404, 'NOT_FOUND');
      // The same answer as for a facility that does not exist at all.
      expectProblem(await get(adminA, `${ADMIN}/${MISSING_ID}`), 404, 'NOT_FOUND');
      // Adding rules is never a facility admin's to do: the route refuses the role (403) before the
      // id is looked up, so another facility and a missing one get the same answer as its own.
      const rule = { effectiveFrom: dayFromToday(30), premiPercent: 50, pnbpPercent: 15, capitalPercent: 35 };
      expectProblem(await post(adminA, `${ADMIN}/${facilityB.id}/revenue-split-rules`, rule), 403, 'FORBIDDEN');
      expectProblem(await post(adminA, `${ADMIN}/${MISSING_ID}/revenue-split-rules`, rule), 403, 'FORBIDDEN');
      expect((await adminView(facilityB.id)).description).toBe('Test facility');
    });

    it('edits its own profile: description, contact, outlet, shipping, location, address', async () => {
      const response = await patch(adminA, `${ADMIN}/${facilityA.id}`, {
        description: 'Bengkel kerja mebel dan sasirangan.',
        contact: { phone: '(0511) 3252123', email: 'humas@lapasbanjarmasin.go.id' },
        outlet: { name: 'Galeri WBP', address: 'Jl. Pramuka No. 12', openingHours: 'Senin-Jumat 08.00-15.00 WITA', pickupAvailable: true },
        shipping: { baseFee: 15_000, perKgFee: 9_000, couriers: ['JNE', 'SICEPAT'], localDelivery: true },
        location: { latitude: -3.3186, longitude: 114.5944 },
        address: { postalCode: '70118' },
      }).expect(200);
      const view = response.body as FacilityAdminView;
      expect(view.description).toBe('Bengkel kerja mebel dan sasirangan.');
      expect(view.contact).toEqual({ phone: '(0511) 3252123', email: 'humas@lapasbanjarmasin.go.id' });
      expect(view.outlet).toEqual({ name: 'Galeri WBP', address: 'Jl. Pramuka No. 12', openingHours: 'Senin-Jumat 08.00-15.00 WITA', pickupAvailable: true });
      expect(view.shipping).toEqual({ baseFee: 15_000, perKgFee: 9_000, couriers: ['JNE', 'SICEPAT'], localDelivery: true, currency: 'IDR' });
      expect(view.location).toEqual({ latitude: -3.3186, longitude: 114.5944 });
      expect(view.address).toEqual({ line: facilityA.address, city: facilityA.city, postalCode: '70118' });
      expect(view.version).toBe(2);
      // What the public sees follows.
      const publicView = (await request(t.http).get(`/api/v1/facilities/${facilityA.slug}`).expect(200)).body as FacilityView;
      expect(publicView.description).toBe('Bengkel kerja mebel dan sasirangan.');
      expect(publicView.shipping.baseFee).toBe(15_000);
    });

    it.each<[string, Body]>([
      ['name', { name: 'Lapas Kelas I Banjarmasin' }],
      ['shortName', { shortName: 'Lapas Banjar' }],
      ['slug', { slug: 'lapas-banjar-baru' }],
      ['type', { type: 'RUTAN' }],
      ['facilityClass', { facilityClass: 'I' }],
      ['kind', { kind: 'NARKOTIKA' }],
      ['active', { active: false }],
      ['provinceCode', { provinceCode: '64' }],
      ['provinceCode (unchanged)', { provinceCode: '63' }],
      ['name with a profile field', { description: 'sneaked in', name: 'Lapas Kelas I Banjarmasin' }],
    ])('gets 403 FORBIDDEN changing %s, and nothing changes', async (_label, body) => {
      const before = await adminView(facilityA.id);
      expectProblem(await patch(adminA, `${ADMIN}/${facilityA.id}`, body), 403, 'FORBIDDEN');
      const after = await adminView(facilityA.id);
      expect(after).toEqual(before);
    });

    it('may not create facilities (403)', async () => {
      expectProblem(await post(adminA, ADMIN, newFacilityBody()), 403, 'FORBIDDEN');
      expect(await listIds(superadmin, { q: 'Lapas Baru' })).toEqual([]);
    });

    it('may read but not add revenue split rules for its own facility (403)', async () => {
      await get(adminA, `${ADMIN}/${facilityA.id}/revenue-split-rules`).expect(200);
      const response = await post(adminA, `${ADMIN}/${facilityA.id}/revenue-split-rules`, {
        effectiveFrom: dayFromToday(30),
        premiPercent: 30,
        pnbpPercent: 10,
        capitalPercent: 60,
      });
      expectProblem(response, 403, 'FORBIDDEN');
      const rules = (await get(superadmin, `${ADMIN}/${facilityA.id}/revenue-split-rules`).expect(200)).body as RevenueSplitView[];
      expect(rules.filter((r) => r.facilityId === facilityA.id)).toEqual([]);
    });
  });

  describe('scope: REGIONAL_ADMIN of kalsel', () => {
    it('lists the facilities of its Kanwil only', async () => {
      const ids = await listIds(regional);
      expect(ids).toEqual(expect.arrayContaining([facilityA.id, facilityB.id]));
      expect(ids).not.toContain(baliFacility.id);
      expect(await listIds(regional, { region: 'bali' })).toEqual([]);
      expect(await listIds(regionalBali)).toEqual([baliFacility.id]);
    });

    it('gets 404 on a Bali facility: GET, PATCH and revenue split', async () => {
      expectProblem(await get(regional, `${ADMIN}/${baliFacility.id}`), 404, 'NOT_FOUND');
      expectProblem(await patch(regional, `${ADMIN}/${baliFacility.id}`, { active: false }), 404, 'NOT_FOUND');
      expectProblem(await get(regional, `${ADMIN}/${baliFacility.id}/revenue-split-rules`), 404, 'NOT_FOUND');
      expectProblem(
        await post(regional, `${ADMIN}/${baliFacility.id}/revenue-split-rules`, { effectiveFrom: dayFromToday(30), premiPercent: 50, pnbpPercent: 15, capitalPercent: 35 }),
        404,
        'NOT_FOUND',
      );
      expect((await adminView(baliFacility.id)).active).toBe(true);
    });

    it('creates in its own province (201) but not in Bali or another Kanwil (403)', async () => {
      const created = await createAs(regional);
      expect(created.region.kanwilCode).toBe('kalsel');
      expect(await listIds(regional)).toContain(created.id);

      const bali = await post(regional, ADMIN, newFacilityBody({ provinceCode: '51' }));
      expectProblem(bali, 403, 'FORBIDDEN');
      expectProblem(await post(regional, ADMIN, newFacilityBody({ provinceCode: '64' })), 403, 'FORBIDDEN');
      const baliNames = (await get(superadmin, ADMIN).query({ region: '51', limit: '100' }).expect(200)).body as Page<FacilityAdminView>;
      expect(baliNames.data.map((f) => f.id)).toEqual([baliFacility.id]);
    });

    it('may not move its facility into another Kanwil (403)', async () => {
      const created = await createAs(regional);
      expectProblem(await patch(regional, `${ADMIN}/${created.id}`, { provinceCode: '51' }), 403, 'FORBIDDEN');
      expect((await adminView(created.id)).region.provinceCode).toBe('63');
    });

    it('deactivates its own facility, which then leaves the public catalog but stays in the admin list', async () => {
      const created = await createAs(regional, { name: 'Rutan Kelas IIB Pelaihari Uji', shortName: 'Rutan Pelaihari Uji', type: 'RUTAN', facilityClass: 'IIB' });
      const publicBefore = (await request(t.http).get('/api/v1/facilities').query({ q: 'Pelaihari Uji' }).expect(200)).body as Page<FacilityView>;
      expect(publicBefore.data.map((f) => f.id)).toEqual([created.id]);

      const response = await patch(regional, `${ADMIN}/${created.id}`, { active: false }).expect(200);
      expect((response.body as FacilityAdminView).active).toBe(false);

      const publicAfter = (await request(t.http).get('/api/v1/facilities').query({ q: 'Pelaihari Uji' }).expect(200)).body as Page<FacilityView>;
      expect(publicAfter.data).toEqual([]);
      expectProblem(await request(t.http).get(`/api/v1/facilities/${created.slug}`), 404, 'NOT_FOUND');
      expect(await listIds(regional, { q: 'Pelaihari Uji' })).toEqual([created.id]);
      expect(await listIds(regional, { q: 'Pelaihari Uji', active: 'false' })).toEqual([created.id]);
      expect(await listIds(regional, { q: 'Pelaihari Uji', active: 'true' })).toEqual([]);

      await patch(regional, `${ADMIN}/${created.id}`, { active: true }).expect(200);
      await request(t.http).get(`/api/v1/facilities/${created.slug}`).expect(200);
    });

    it('renames and re-slugs its facility', async () => {
      const created = await createAs(regional);
      const response = await patch(regional, `${ADMIN}/${created.id}`, { name: 'Lapas Narkotika Kelas IIA Karang Intan', slug: `lapas-karang-intan-${sequence}` }).expect(200);
      const view = response.body as FacilityAdminView;
      expect(view.name).toBe('Lapas Narkotika Kelas IIA Karang Intan');
      expect(view.slug).toBe(`lapas-karang-intan-${sequence}`);
      await request(t.http).get(`/api/v1/facilities/${view.slug}`).expect(200);
      expectProblem(await request(t.http).get(`/api/v1/facilities/${created.slug}`), 404, 'NOT_FOUND');
    });
  });

  describe('scope: SUPERADMIN', () => {
    it('sees every facility, in any Kanwil', async () => {
      const ids = await listIds(superadmin);
      expect(ids).toEqual(expect.arrayContaining([facilityA.id, facilityB.id, baliFacility.id]));
      const [{ count }] = await t.dataSource.query<{ count: number }[]>('SELECT count(*)::int AS count FROM facility');
      expect(ids).toHaveLength(count);
      await get(superadmin, `${ADMIN}/${baliFacility.id}`).expect(200);
    });

    it('creates anywhere', async () => {
      const created = await createAs(superadmin, { provinceCode: '51', address: { line: 'Jl. Tangkuban Perahu', city: 'Badung' } });
      expect(created.region).toEqual({
        provinceCode: '51',
        provinceIso: 'ID-BA',
        provinceName: 'Bali',
        kanwilCode: 'bali',
        kanwilName: 'Kanwil Ditjenpas Bali',
      });
      expect(await listIds(regionalBali)).toContain(created.id);
    });

    it('moves a facility to another Kanwil, and its facility admin follows into that scope', async () => {
      const moving = await createAs(superadmin);
      const movingAdmin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: await t.dataSource.getRepository(Facility).findOneByOrFail({ id: moving.id }) });
      const response = await patch(superadmin, `${ADMIN}/${moving.id}`, { provinceCode: '65' }).expect(200);
      expect((response.body as FacilityAdminView).region).toMatchObject({ provinceCode: '65', kanwilCode: 'kaltim' });
      expect(await listIds(regional)).not.toContain(moving.id);
      const kaltimAdmin = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: await kanwilId(t.dataSource, 'kaltim') });
      expect(await listIds(kaltimAdmin)).toEqual([moving.id]);
      expect(await listIds(movingAdmin)).toEqual([moving.id]);
    });
  });

  describe('create', () => {
    it('answers 201 with the admin view, defaults and the slug derived from shortName', async () => {
      const body = newFacilityBody({
        contact: { phone: '(0511) 4777123', email: 'lapas@example.test' },
        shipping: { baseFee: 10_000, couriers: ['JNT'] },
        location: { latitude: -3.44, longitude: 114.83 },
        description: 'Produk unggulan: keripik tempe.',
      });
      const response = await post(superadmin, ADMIN, body).expect(201);
      const view = response.body as FacilityAdminView;
      expect(view).toMatchObject({
        slug: `lapas-baru-${String(body.shortName).slice('Lapas Baru '.length)}`,
        type: 'LAPAS',
        facilityClass: 'IIA',
        kind: 'UMUM',
        name: body.name,
        shortName: body.shortName,
        address: { line: 'Jl. Pramuka No. 12, Teluk Dalam', city: 'Banjarmasin', postalCode: '70117' },
        contact: { phone: '(0511) 4777123', email: 'lapas@example.test' },
        description: 'Produk unggulan: keripik tempe.',
        location: { latitude: -3.44, longitude: 114.83 },
        outlet: null,
        shipping: { baseFee: 10_000, perKgFee: 0, couriers: ['JNT'], localDelivery: false, currency: 'IDR' },
        active: true,
        version: 1,
        region: { provinceCode: '63', kanwilCode: 'kalsel' },
      });
      expect(view.revenueSplit).toMatchObject({ facilityId: null, premiPercent: 50, pnbpPercent: 15, capitalPercent: 35 });
      expect(view.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(await adminView(view.id)).toEqual(view);
      await request(t.http).get(`/api/v1/facilities/${view.slug}`).expect(200);
    });

    it('takes an explicit slug and kind', async () => {
      const slug = `lpka-martapura-${Math.random().toString(36).slice(2, 8)}`;
      const view = await createAs(superadmin, { slug, type: 'LPKA', facilityClass: 'I', kind: 'PEMUDA' });
      expect(view.slug).toBe(slug);
      expect(view.kind).toBe('PEMUDA');
    });

    it('refuses unknown fields, top-level and nested, with 400', async () => {
      const topLevel = expectProblem(await post(superadmin, ADMIN, newFacilityBody({ active: false })), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(topLevel)).toContain('active');
      const other = expectProblem(await post(superadmin, ADMIN, newFacilityBody({ kanwilId: kalselId })), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(other)).toContain('kanwilId');
      const nested = expectProblem(
        await post(superadmin, ADMIN, newFacilityBody({ address: { line: 'Jl. A No. 1', city: 'Banjarmasin', province: 'Kalsel' } })),
        400,
        'VALIDATION_FAILED',
      );
      expect(fieldsOf(nested)).toContain('address.province');
      const inShipping = expectProblem(await post(superadmin, ADMIN, newFacilityBody({ shipping: { baseFee: 1, currency: 'IDR' } })), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(inShipping)).toContain('shipping.currency');
    });

    it.each(['99', '6', '630', 'ab', '00'])('refuses provinceCode %j with 400 naming provinceCode', async (provinceCode) => {
      const problem = expectProblem(await post(superadmin, ADMIN, newFacilityBody({ provinceCode })), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(problem)).toContain('provinceCode');
    });

    it('refuses a nested address without city, naming address.city', async () => {
      const problem = expectProblem(await post(superadmin, ADMIN, newFacilityBody({ address: { line: 'Jl. Pramuka No. 12' } })), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'address.city' })]));
      expect(fieldsOf(problem)).not.toContain('address.line');
    });

    it('refuses a missing address, a bad postal code, an email that is none', async () => {
      const { address: _address, ...withoutAddress } = newFacilityBody();
      expect(fieldsOf(expectProblem(await post(superadmin, ADMIN, withoutAddress), 400, 'VALIDATION_FAILED'))).toContain('address');
      const postal = expectProblem(
        await post(superadmin, ADMIN, newFacilityBody({ address: { line: 'Jl. A No. 1', city: 'Banjarmasin', postalCode: '7011' } })),
        400,
        'VALIDATION_FAILED',
      );
      expect(fieldsOf(postal)).toContain('address.postalCode');
      const email = expectProblem(await post(superadmin, ADMIN, newFacilityBody({ contact: { email: 'not-an-email' } })), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(email)).toContain('contact.email');
    });

    it.each<[string, Body, string]>([
      ['negative base fee', { baseFee: -1 }, 'shipping.baseFee'],
      ['negative per-kg fee', { perKgFee: -5_000 }, 'shipping.perKgFee'],
      ['fractional rupiah', { baseFee: 1500.5 }, 'shipping.baseFee'],
      ['fee as a string', { baseFee: '10000' }, 'shipping.baseFee'],
      ['unknown courier', { couriers: ['DHL'] }, 'shipping.couriers'],
      ['duplicate courier', { couriers: ['JNE', 'JNE'] }, 'shipping.couriers'],
    ])('refuses shipping with a %s (400)', async (_label, shipping, field) => {
      const problem = expectProblem(await post(superadmin, ADMIN, newFacilityBody({ shipping })), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(problem)).toContain(field);
    });

    it('refuses a bad type, class, kind, slug or location', async () => {
      expect(fieldsOf(expectProblem(await post(superadmin, ADMIN, newFacilityBody({ type: 'PRISON' })), 400, 'VALIDATION_FAILED'))).toContain('type');
      expect(fieldsOf(expectProblem(await post(superadmin, ADMIN, newFacilityBody({ facilityClass: 'IV' })), 400, 'VALIDATION_FAILED'))).toContain('facilityClass');
      expect(fieldsOf(expectProblem(await post(superadmin, ADMIN, newFacilityBody({ kind: 'umum' })), 400, 'VALIDATION_FAILED'))).toContain('kind');
      expect(fieldsOf(expectProblem(await post(superadmin, ADMIN, newFacilityBody({ slug: 'Bad Slug' })), 400, 'VALIDATION_FAILED'))).toContain('slug');
      const location = expectProblem(await post(superadmin, ADMIN, newFacilityBody({ location: { latitude: 91, longitude: 0 } })), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(location)).toContain('location.latitude');
    });

    it('refuses a duplicate slug with 409 CONFLICT, explicit or derived', async () => {
      const first = await createAs(superadmin);
      expectProblem(await post(superadmin, ADMIN, newFacilityBody({ slug: first.slug })), 409, 'CONFLICT');
      expectProblem(await post(superadmin, ADMIN, newFacilityBody({ shortName: first.shortName })), 409, 'CONFLICT');
      expectProblem(await post(superadmin, ADMIN, newFacilityBody({ slug: facilityA.slug })), 409, 'CONFLICT');
      const [{ count }] = await t.dataSource.query<{ count: number }[]>('SELECT count(*)::int AS count FROM facility WHERE slug = $1', [first.slug]);
      expect(count).toBe(1);
    });
  });

  describe('update', () => {
    it('merges nested objects: patching shipping.baseFee keeps couriers and the other fees', async () => {
      const created = await createAs(superadmin, { shipping: { baseFee: 10_000, perKgFee: 6_000, couriers: ['JNE', 'TIKI'], localDelivery: true } });
      const response = await patch(superadmin, `${ADMIN}/${created.id}`, { shipping: { baseFee: 20_000 } }).expect(200);
      expect((response.body as FacilityAdminView).shipping).toEqual({
        baseFee: 20_000,
        perKgFee: 6_000,
        couriers: ['JNE', 'TIKI'],
        localDelivery: true,
        currency: 'IDR',
      });
      expect((await adminView(created.id)).shipping.couriers).toEqual(['JNE', 'TIKI']);
    });

    it('merges address, contact and outlet field by field, and clears with null', async () => {
      const created = await createAs(superadmin, {
        contact: { phone: '(0511) 111222', email: 'a@example.test' },
        outlet: { name: 'Galeri', address: 'Jl. Galeri 1', openingHours: '08.00-15.00', pickupAvailable: true },
        location: { latitude: -3.3, longitude: 114.6 },
      });
      const view = (await patch(superadmin, `${ADMIN}/${created.id}`, {
        address: { city: 'Banjarbaru' },
        contact: { email: null },
        outlet: { openingHours: '09.00-12.00' },
      }).expect(200)).body as FacilityAdminView;
      expect(view.address).toEqual({ line: 'Jl. Pramuka No. 12, Teluk Dalam', city: 'Banjarbaru', postalCode: '70117' });
      expect(view.contact).toEqual({ phone: '(0511) 111222', email: null });
      expect(view.outlet).toEqual({ name: 'Galeri', address: 'Jl. Galeri 1', openingHours: '09.00-12.00', pickupAvailable: true });
      expect(view.location).toEqual({ latitude: -3.3, longitude: 114.6 });

      const cleared = (await patch(superadmin, `${ADMIN}/${created.id}`, { location: null }).expect(200)).body as FacilityAdminView;
      expect(cleared.location).toBeNull();
      expect(cleared.address.city).toBe('Banjarbaru');
    });

    it('leaves everything else alone on an empty patch', async () => {
      const before = await adminView(facilityB.id);
      const after = (await patch(superadmin, `${ADMIN}/${facilityB.id}`, {}).expect(200)).body as FacilityAdminView;
      expect({ ...after, version: before.version, updatedAt: before.updatedAt }).toEqual(before);
    });

    it('refuses unknown and invalid fields with 400', async () => {
      expect(fieldsOf(expectProblem(await patch(superadmin, `${ADMIN}/${facilityB.id}`, { version: 7 }), 400, 'VALIDATION_FAILED'))).toContain('version');
      expect(fieldsOf(expectProblem(await patch(superadmin, `${ADMIN}/${facilityB.id}`, { shipping: { baseFee: -1 } }), 400, 'VALIDATION_FAILED'))).toContain('shipping.baseFee');
      expect(fieldsOf(expectProblem(await patch(superadmin, `${ADMIN}/${facilityB.id}`, { address: { city: 'X', zip: '1' } }), 400, 'VALIDATION_FAILED'))).toContain('address.zip');
      expect(fieldsOf(expectProblem(await patch(superadmin, `${ADMIN}/${facilityB.id}`, { active: 'no' }), 400, 'VALIDATION_FAILED'))).toContain('active');
      expect(fieldsOf(expectProblem(await patch(superadmin, `${ADMIN}/${facilityB.id}`, { provinceCode: '99' }), 400, 'VALIDATION_FAILED'))).toContain('provinceCode');
    });

    it('refuses a slug another facility uses with 409', async () => {
      expectProblem(await patch(superadmin, `${ADMIN}/${facilityB.id}`, { slug: facilityA.slug }), 409, 'CONFLICT');
      expect((await adminView(facilityB.id)).slug).toBe(facilityB.slug);
      await patch(superadmin, `${ADMIN}/${facilityB.id}`, { slug: facilityB.slug }).expect(200);
    });

    it('answers 404 for a facility that does not exist and 400 for an id that is not a UUID', async () => {
      expectProblem(await patch(superadmin, `${ADMIN}/${MISSING_ID}`, { description: 'x' }), 404, 'NOT_FOUND');
      expectProblem(await get(superadmin, `${ADMIN}/${MISSING_ID}`), 404, 'NOT_FOUND');
      expect(fieldsOf(expectProblem(await get(superadmin, `${ADMIN}/not-a-uuid`), 400, 'VALIDATION_FAILED'))).toContain('id');
    });
  });

  describe('revenue split rules', () => {
    let facility: FacilityAdminView;
    beforeAll(async () => {
      facility = await createAs(superadmin);
    });

    const rulesPath = (): string => `${ADMIN}/${facility.id}/revenue-split-rules`;

    it('lists the national default 50/15/35 for a facility without rules of its own', async () => {
      const rules = (await get(regional, rulesPath()).expect(200)).body as RevenueSplitView[];
      expect(rules).toEqual([
        expect.objectContaining({ facilityId: null, effectiveFrom: '1990-01-01', premiPercent: 50, pnbpPercent: 15, capitalPercent: 35 }),
      ]);
    });

    it.each<[string, Body, string]>([
      ['shares summing to 99', { premiPercent: 50, pnbpPercent: 15, capitalPercent: 34 }, 'premiPercent'],
      ['shares summing to 101', { premiPercent: 50, pnbpPercent: 16, capitalPercent: 35 }, 'premiPercent'],
      ['a negative share', { premiPercent: 110, pnbpPercent: -10, capitalPercent: 0 }, 'pnbpPercent'],
      ['a fractional share', { premiPercent: 50.5, pnbpPercent: 14.5, capitalPercent: 35 }, 'premiPercent'],
      ['a share as a string', { premiPercent: '50', pnbpPercent: 15, capitalPercent: 35 }, 'premiPercent'],
      ['a missing share', { premiPercent: 50, pnbpPercent: 50 }, 'capitalPercent'],
    ])('refuses %s with 400', async (_label, shares, field) => {
      const problem = expectProblem(await post(superadmin, rulesPath(), { effectiveFrom: dayFromToday(60), ...shares }), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(problem)).toContain(field);
    });

    it.each([
      ['yesterday', dayFromToday(-1)],
      ['1990', '1990-01-01'],
      ['a timestamp', `${dayFromToday(60)}T00:00:00Z`],
      ['not a date', 'next month'],
      ['an impossible date', '2031-02-30'],
    ])('refuses effectiveFrom %s with 400', async (_label, effectiveFrom) => {
      const problem = expectProblem(
        await post(superadmin, rulesPath(), { effectiveFrom, premiPercent: 50, pnbpPercent: 15, capitalPercent: 35 }),
        400,
        'VALIDATION_FAILED',
      );
      expect(fieldsOf(problem)).toContain('effectiveFrom');
      const rules = (await get(superadmin, rulesPath()).expect(200)).body as RevenueSplitView[];
      expect(rules.filter((r) => r.facilityId !== null)).toEqual([]);
    });

    it('adds a future rule (201) that is listed but not yet in force; the same date again is 409', async () => {
      const effectiveFrom = dayFromToday(90);
      const response = await post(regional, rulesPath(), {
        effectiveFrom,
        premiPercent: 30,
        pnbpPercent: 10,
        capitalPercent: 60,
        note: 'SK Kalapas No. 12/2026',
      }).expect(201);
      const rule = response.body as RevenueSplitView;
      expect(rule).toMatchObject({ facilityId: facility.id, effectiveFrom, premiPercent: 30, pnbpPercent: 10, capitalPercent: 60, note: 'SK Kalapas No. 12/2026' });
      expect(rule.id).toMatch(/^[0-9a-f-]{36}$/);

      const rules = (await get(superadmin, rulesPath()).expect(200)).body as RevenueSplitView[];
      expect(rules.map((r) => [r.facilityId, r.effectiveFrom])).toEqual([
        [facility.id, effectiveFrom],
        [null, '1990-01-01'],
      ]);
      expect(rules[0]).toEqual(rule);

      expectProblem(await post(superadmin, rulesPath(), { effectiveFrom, premiPercent: 40, pnbpPercent: 10, capitalPercent: 50 }), 409, 'CONFLICT');
      expect(((await get(superadmin, rulesPath()).expect(200)).body as RevenueSplitView[])).toHaveLength(2);

      expect((await adminView(facility.id)).revenueSplit).toMatchObject({ facilityId: null, premiPercent: 50 });
    });

    it('shows the rule in force today on the admin facility view', async () => {
      const response = await post(superadmin, rulesPath(), { effectiveFrom: today(), premiPercent: 40, pnbpPercent: 10, capitalPercent: 50 }).expect(201);
      const rule = response.body as RevenueSplitView;
      const view = await adminView(facility.id);
      expect(view.revenueSplit).toEqual(rule);
      const listed = ((await get(superadmin, ADMIN).query({ q: facility.shortName }).expect(200)).body as Page<FacilityAdminView>).data;
      expect(listed.map((f) => f.revenueSplit.id)).toEqual([rule.id]);
      // Other facilities still follow the national rule.
      expect((await adminView(facilityB.id)).revenueSplit).toMatchObject({ facilityId: null, premiPercent: 50 });
    });

    it('keeps one facility\'s rules out of another\'s list', async () => {
      const rules = (await get(superadmin, `${ADMIN}/${facilityB.id}/revenue-split-rules`).expect(200)).body as RevenueSplitView[];
      expect(rules.map((r) => r.facilityId)).toEqual([null]);
    });

    it('refuses unknown fields and answers 404 for an unknown facility', async () => {
      const problem = expectProblem(
        await post(superadmin, rulesPath(), { effectiveFrom: dayFromToday(120), premiPercent: 50, pnbpPercent: 15, capitalPercent: 35, facilityId: facilityB.id }),
        400,
        'VALIDATION_FAILED',
      );
      expect(fieldsOf(problem)).toContain('facilityId');
      expectProblem(
        await post(superadmin, `${ADMIN}/${MISSING_ID}/revenue-split-rules`, { effectiveFrom: dayFromToday(120), premiPercent: 50, pnbpPercent: 15, capitalPercent: 35 }),
        404,
        'NOT_FOUND',
      );
    });
  });

  describe('audit trail', () => {
    it('records a create with the new values as the diff', async () => {
      const created = await createAs(regional, { description: 'Audit me' });
      const [event, ...others] = await auditEvents(superadmin, { entityId: created.id });
      expect(others).toEqual([]);
      expect(event).toMatchObject({
        action: 'facility.create',
        entityType: 'facility',
        entityId: created.id,
        facilityId: created.id,
        kanwilId: kalselId,
        actorId: regional.user.id,
        actorEmail: regional.email,
      });
      expect(event?.changes).toMatchObject({
        name: { from: null, to: created.name },
        slug: { from: null, to: created.slug },
        provinceCode: { from: null, to: '63' },
        description: { from: null, to: 'Audit me' },
      });
      expect(event?.requestId).toEqual(expect.any(String));
    });

    it('records an update with only the changed fields, from and to', async () => {
      const created = await createAs(superadmin, { shipping: { baseFee: 5_000, couriers: ['JNE'] } });
      await patch(superadmin, `${ADMIN}/${created.id}`, { description: 'Baru', shipping: { baseFee: 7_500 } }).expect(200);
      const events = await auditEvents(superadmin, { entityId: created.id, action: 'facility.update' });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: 'facility.update', entityId: created.id, facilityId: created.id, actorEmail: superadmin.email });
      expect(events[0]?.changes).toEqual({
        description: { from: '', to: 'Baru' },
        shippingBaseFee: { from: 5_000, to: 7_500 },
      });
    });

    it('records a deactivation and a move between Kanwil', async () => {
      const created = await createAs(superadmin);
      await patch(superadmin, `${ADMIN}/${created.id}`, { active: false }).expect(200);
      await patch(superadmin, `${ADMIN}/${created.id}`, { provinceCode: '64' }).expect(200);
      const events = await auditEvents(superadmin, { entityId: created.id, action: 'facility.update' });
      expect(events.map((e) => e.changes)).toEqual([
        { provinceCode: { from: '63', to: '64' }, kanwilId: { from: kalselId, to: await kanwilId(t.dataSource, 'kaltim') } },
        { active: { from: true, to: false } },
      ]);
    });

    it('records a revenue split rule with the rule as the diff', async () => {
      const created = await createAs(superadmin);
      const rule = (await post(superadmin, `${ADMIN}/${created.id}/revenue-split-rules`, {
        effectiveFrom: dayFromToday(10),
        premiPercent: 45,
        pnbpPercent: 15,
        capitalPercent: 40,
      }).expect(201)).body as RevenueSplitView;
      const events = await auditEvents(superadmin, { action: 'facility.revenueSplit.add', facilityId: created.id });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ entityType: 'revenue_split_rule', entityId: rule.id, facilityId: created.id, kanwilId: kalselId });
      expect(events[0]?.changes).toMatchObject({
        effectiveFrom: { from: null, to: dayFromToday(10) },
        premiPercent: { from: null, to: 45 },
        pnbpPercent: { from: null, to: 15 },
        capitalPercent: { from: null, to: 40 },
      });
    });

    it('records nothing for refused writes', async () => {
      const before = await auditEvents(superadmin, { entityId: facilityB.id });
      await patch(adminA, `${ADMIN}/${facilityB.id}`, { description: 'x' }).expect(404);
      await patch(superadmin, `${ADMIN}/${facilityB.id}`, { slug: facilityA.slug }).expect(409);
      await post(adminA, ADMIN, newFacilityBody()).expect(403);
      expect(await auditEvents(superadmin, { entityId: facilityB.id })).toEqual(before);
    });

    it('shows a FACILITY_ADMIN only the events of its facility', async () => {
      await patch(adminA, `${ADMIN}/${facilityA.id}`, { description: 'Seen by A' }).expect(200);
      await patch(superadmin, `${ADMIN}/${facilityB.id}`, { description: 'Not for A' }).expect(200);
      const events = await auditEvents(adminA);
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.facilityId === facilityA.id)).toBe(true);
      expect(events.some((e) => e.action === 'facility.update' && e.changes.description?.to === 'Seen by A')).toBe(true);
      const rows = await t.dataSource.query<{ id: string }[]>('SELECT id FROM audit_event WHERE facility_id = $1', [facilityA.id]);
      expect(events.map((e) => e.id).sort()).toEqual(rows.map((r) => r.id).sort());
      // Asking for another facility's events by filter does not widen the scope.
      expect(await auditEvents(adminA, { facilityId: facilityB.id })).toEqual([]);
      expect(await auditEvents(adminA, { entityId: facilityB.id })).toEqual([]);
    });

    it('shows a REGIONAL_ADMIN only the events of its Kanwil', async () => {
      await patch(superadmin, `${ADMIN}/${baliFacility.id}`, { description: 'Bali only' }).expect(200);
      const events = await auditEvents(regional);
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.kanwilId === kalselId)).toBe(true);
      expect(events.map((e) => e.entityId)).toContain(facilityB.id);
      expect(events.map((e) => e.entityId)).not.toContain(baliFacility.id);
      const rows = await t.dataSource.query<{ id: string }[]>('SELECT id FROM audit_event WHERE kanwil_id = $1', [kalselId]);
      expect(events.map((e) => e.id).sort()).toEqual(rows.map((r) => r.id).sort());

      const baliEvents = await auditEvents(regionalBali);
      expect(baliEvents.map((e) => e.entityId)).toContain(baliFacility.id);
      expect(baliEvents.every((e) => e.kanwilId === baliId)).toBe(true);
    });

    it('pages through every event exactly once, newest first, by cursor', async () => {
      const all = await t.dataSource.query<{ id: string }[]>('SELECT id FROM audit_event ORDER BY created_at DESC, id DESC');
      expect(all.length).toBeGreaterThan(10);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await get(superadmin, AUDIT).query({ limit: '3', ...(cursor ? { cursor } : {}) }).expect(200);
        const page = response.body as Page<AuditEventView>;
        expect(page.data.length).toBeLessThanOrEqual(3);
        seen.push(...page.data.map((e) => e.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor !== null && pages < 100);
      expect(seen).toEqual(all.map((r) => r.id));
      expect(pages).toBe(Math.ceil(all.length / 3));
    });

    it('pages without losing events written within the same millisecond', async () => {
      const facility = await makeFacility(t.dataSource);
      // Events of one transaction share its timestamp; busy systems write several per millisecond.
      const stamps = [
        '2026-01-01T00:00:00.123456Z',
        '2026-01-01T00:00:00.123456Z',
        '2026-01-01T00:00:00.123456Z',
        '2026-01-01T00:00:00.123789Z',
        '2026-01-01T00:00:00.123001Z',
        '2026-01-01T00:00:00.123000Z',
        '2026-01-01T00:00:00.122999Z',
      ];
      for (const stamp of stamps) {
        await t.dataSource.query(
          `INSERT INTO audit_event (action, entity_type, entity_id, facility_id, kanwil_id, changes, created_at)
           VALUES ('facility.update', 'facility', $1::text, $1::uuid, $2, '{}'::jsonb, $3)`,
          [facility.id, facility.kanwilId, stamp],
        );
      }
      const expected = await t.dataSource.query<{ id: string }[]>(
        'SELECT id FROM audit_event WHERE facility_id = $1 ORDER BY created_at DESC, id DESC',
        [facility.id],
      );
      for (const limit of ['1', '2', '3']) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const response = await get(superadmin, AUDIT).query({ limit, facilityId: facility.id, ...(cursor ? { cursor } : {}) }).expect(200);
          const page = response.body as Page<AuditEventView>;
          seen.push(...page.data.map((e) => e.id));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor !== null && pages < 20);
        expect({ limit, seen }).toEqual({ limit, seen: expected.map((r) => r.id) });
      }
    });

    it('refuses bad list parameters with 400', async () => {
      expect(fieldsOf(expectProblem(await get(superadmin, AUDIT).query({ limit: '0' }), 400, 'VALIDATION_FAILED'))).toContain('limit');
      expect(fieldsOf(expectProblem(await get(superadmin, AUDIT).query({ cursor: 'garbage!!' }), 400, 'VALIDATION_FAILED'))).toContain('cursor');
      const forged = Buffer.from('["yesterday","not-a-uuid"]').toString('base64url');
      expect(fieldsOf(expectProblem(await get(superadmin, AUDIT).query({ cursor: forged }), 400, 'VALIDATION_FAILED'))).toContain('cursor');
      expect(fieldsOf(expectProblem(await get(superadmin, AUDIT).query({ facilityId: 'nope' }), 400, 'VALIDATION_FAILED'))).toContain('facilityId');
      expect(fieldsOf(expectProblem(await get(superadmin, AUDIT).query({ from: 'last week' }), 400, 'VALIDATION_FAILED'))).toContain('from');
      expect(fieldsOf(expectProblem(await get(superadmin, AUDIT).query({ bogus: '1' }), 400, 'VALIDATION_FAILED'))).toContain('bogus');
    });
  });
});
