import request from 'supertest';
import type { AuditEventView } from '../src/audit/audit-event.view';
import type { ConsentView } from '../src/catalog/consent.views';
import type { ProductAdminView } from '../src/catalog/product.views';
import type { Problem } from '../src/common/errors/problem';
import type { Page } from '../src/common/pagination/cursor';
import type { Facility } from '../src/facilities/facility.entity';
import { makeProduct } from './support/catalog-factories';
import { kanwilId, makeFacility, MadeUser, signedInAs, Tokens } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type SignedIn = MadeUser & Tokens & { bearer: string };
type Body = Record<string, unknown>;

const PRODUCTS = '/api/v1/admin/products';
const CONSENTS = '/api/v1/admin/maker-consents';

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return response.body as Problem;
}

let sequence = 0;
function productBody(overrides: Body = {}): Body {
  sequence += 1;
  return {
    category: 'sasirangan',
    program: 'PEMBINAAN_KEMANDIRIAN',
    kind: 'GOODS',
    name: `Kain Sasirangan Motif Gigi Haruan ${sequence}`,
    description: 'Dicelup dan dijahit di bengkel kerja.',
    price: 185_000,
    unitCost: 90_000,
    stock: 12,
    weightGrams: 300,
    ...overrides,
  };
}

describe('admin products, stock and maker consent', () => {
  let t: TestApp;
  let banjarmasin: Facility;
  let kotabaru: Facility;
  let martapuraLpka: Facility;
  let kerobokan: Facility;
  let facilityAdmin: SignedIn;
  let otherFacilityAdmin: SignedIn;
  let lpkaAdmin: SignedIn;
  let regional: SignedIn;
  let baliRegional: SignedIn;
  let superadmin: SignedIn;

  beforeAll(async () => {
    t = await startTestApp();
    banjarmasin = await makeFacility(t.dataSource, { shortName: 'Lapas Banjarmasin' });
    kotabaru = await makeFacility(t.dataSource, { shortName: 'Lapas Kotabaru' });
    martapuraLpka = await makeFacility(t.dataSource, { type: 'LPKA', facilityClass: 'I', shortName: 'LPKA Martapura' });
    kerobokan = await makeFacility(t.dataSource, { provinceCode: '51', shortName: 'Lapas Kerobokan' });
    facilityAdmin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: banjarmasin });
    otherFacilityAdmin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: kotabaru });
    lpkaAdmin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: martapuraLpka });
    regional = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: await kanwilId(t.dataSource, 'kalsel') });
    baliRegional = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: await kanwilId(t.dataSource, 'bali') });
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
  });
  afterAll(() => t.close());

  const post = (who: SignedIn, path: string, body: unknown) => request(t.http).post(path).set('Authorization', who.bearer).send(body as object);
  const patch = (who: SignedIn, path: string, body: unknown) => request(t.http).patch(path).set('Authorization', who.bearer).send(body as object);
  const get = (who: SignedIn, path: string) => request(t.http).get(path).set('Authorization', who.bearer);
  const create = async (who: SignedIn, overrides: Body = {}): Promise<ProductAdminView> => {
    const response = await post(who, PRODUCTS, productBody(overrides));
    expect(response.status).toBe(201);
    return response.body as ProductAdminView;
  };

  describe('create and edit', () => {
    it('lets a facility admin create a draft for its own facility, with admin-only fields', async () => {
      const product = await create(facilityAdmin, { name: 'Tas Purun Anyaman Tangan' });
      expect(product).toMatchObject({
        status: 'DRAFT',
        slug: 'tas-purun-anyaman-tangan',
        unitCost: 90_000,
        currency: 'IDR',
        facility: { id: banjarmasin.id },
        category: { slug: 'sasirangan' },
        maker: { type: 'GROUP', credit: 'Bengkel kerja Lapas Banjarmasin' },
        publishedAt: null,
        sellable: true,
      });
    });

    it('gives a repeated name its own slug, and refuses a taken explicit slug with 409', async () => {
      const first = await create(facilityAdmin, { name: 'Miniatur Kapal Pinisi' });
      const second = await create(facilityAdmin, { name: 'Miniatur Kapal Pinisi' });
      expect(second.slug).not.toBe(first.slug);
      expect(second.slug.startsWith('miniatur-kapal-pinisi-')).toBe(true);
      expectProblem(await post(facilityAdmin, PRODUCTS, productBody({ slug: first.slug })), 409, 'CONFLICT');
    });

    it('publishes on request and keeps the first publication time', async () => {
      const product = await create(facilityAdmin, { status: 'PUBLISHED' });
      expect(product.status).toBe('PUBLISHED');
      expect(product.publishedAt).not.toBeNull();
      const archived = (await patch(facilityAdmin, `${PRODUCTS}/${product.id}`, { status: 'ARCHIVED' }).expect(200)).body as ProductAdminView;
      const again = (await patch(facilityAdmin, `${PRODUCTS}/${product.id}`, { status: 'PUBLISHED' }).expect(200)).body as ProductAdminView;
      expect(archived.status).toBe('ARCHIVED');
      expect(again.publishedAt).toBe(product.publishedAt);
    });

    it.each([
      ['an unknown field', { colour: 'red' }, 'colour'],
      ['a negative price', { price: -1 }, 'price'],
      ['a fractional price', { price: 10.5 }, 'price'],
      ['an unknown kind', { kind: 'WEAPON' }, 'kind'],
      ['an unknown program', { program: 'X' }, 'program'],
      ['a null stock', { stock: null }, 'stock'],
      ['a bad certificate', { certificates: [{ kind: 'SPP_IRT' }] }, 'certificates.0.number'],
    ])('refuses %s with 400 naming the field', async (_label, overrides, field) => {
      const problem = expectProblem(await post(facilityAdmin, PRODUCTS, productBody(overrides)), 400, 'VALIDATION_FAILED');
      expect((problem.errors ?? []).map((e) => e.field)).toContain(field);
    });

    it('refuses an unknown category with 400', async () => {
      expectProblem(await post(facilityAdmin, PRODUCTS, productBody({ category: 'senjata' })), 400, 'VALIDATION_FAILED');
    });

    it('requires a facility for admins above facility level', async () => {
      expectProblem(await post(regional, PRODUCTS, productBody()), 400, 'VALIDATION_FAILED');
      const created = (await post(regional, PRODUCTS, productBody({ facilityId: kotabaru.id })).expect(201)).body as ProductAdminView;
      expect(created.facility.id).toBe(kotabaru.id);
    });
  });

  describe('scope', () => {
    it('hides other facilities and regions: 404 for reads and every write', async () => {
      const product = await create(facilityAdmin);
      const bali = (await post(superadmin, PRODUCTS, productBody({ facilityId: kerobokan.id })).expect(201)).body as ProductAdminView;
      for (const [who, target] of [
        [otherFacilityAdmin, product.id],
        [baliRegional, product.id],
        [regional, bali.id],
        [facilityAdmin, bali.id],
      ] as const) {
        expectProblem(await get(who, `${PRODUCTS}/${target}`), 404, 'NOT_FOUND');
        expectProblem(await patch(who, `${PRODUCTS}/${target}`, { price: 1 }), 404, 'NOT_FOUND');
        expectProblem(await patch(who, `${PRODUCTS}/${target}/stock`, { set: 0 }), 404, 'NOT_FOUND');
        expectProblem(await request(t.http).delete(`${PRODUCTS}/${target}`).set('Authorization', who.bearer), 404, 'NOT_FOUND');
      }
      expectProblem(await post(otherFacilityAdmin, PRODUCTS, productBody({ facilityId: banjarmasin.id })), 404, 'NOT_FOUND');
      expectProblem(await post(regional, PRODUCTS, productBody({ facilityId: kerobokan.id })), 404, 'NOT_FOUND');
      const unchanged = (await get(facilityAdmin, `${PRODUCTS}/${product.id}`).expect(200)).body as ProductAdminView;
      expect(unchanged).toMatchObject({ price: product.price, stock: product.stock, deletedAt: null });
    });

    it('lists only the products in scope', async () => {
      const own = await create(facilityAdmin);
      const other = await create(otherFacilityAdmin);
      const mine = (await get(facilityAdmin, `${PRODUCTS}?limit=100`).expect(200)).body as Page<ProductAdminView>;
      expect(mine.data.every((p) => p.facility.id === banjarmasin.id)).toBe(true);
      expect(mine.data.map((p) => p.id)).toContain(own.id);
      const kanwil = (await get(regional, `${PRODUCTS}?limit=100`).expect(200)).body as Page<ProductAdminView>;
      expect(kanwil.data.map((p) => p.id)).toEqual(expect.arrayContaining([own.id, other.id]));
      const bali = (await get(baliRegional, `${PRODUCTS}?limit=100`).expect(200)).body as Page<ProductAdminView>;
      expect(bali.data.map((p) => p.id)).not.toContain(own.id);
    });

    it('pages the admin list by cursor without repeats', async () => {
      const facility = await makeFacility(t.dataSource);
      const admin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility });
      const ids = new Set<string>();
      for (let i = 0; i < 7; i += 1) ids.add((await create(admin)).id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = (await get(admin, `${PRODUCTS}?limit=3${cursor ? `&cursor=${cursor}` : ''}`).expect(200)).body as Page<ProductAdminView>;
        seen.push(...page.data.map((p) => p.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual([...ids].sort());
    });
  });

  describe('food permits', () => {
    it('refuses to publish FOOD without a valid permit, with a clear code', async () => {
      const draft = await create(facilityAdmin, { kind: 'FOOD', category: 'keripik-camilan', name: 'Keripik Tempe Labar' });
      expectProblem(await patch(facilityAdmin, `${PRODUCTS}/${draft.id}`, { status: 'PUBLISHED' }), 409, 'FOOD_PERMIT_REQUIRED');
      expectProblem(await post(facilityAdmin, PRODUCTS, productBody({ kind: 'FOOD', status: 'PUBLISHED' })), 409, 'FOOD_PERMIT_REQUIRED');
      const halalOnly = [{ kind: 'HALAL', number: 'ID31110000123', issuer: 'BPJPH' }];
      expectProblem(await patch(facilityAdmin, `${PRODUCTS}/${draft.id}`, { status: 'PUBLISHED', certificates: halalOnly }), 409, 'FOOD_PERMIT_REQUIRED');
      const expired = [{ kind: 'SPP_IRT', number: 'P-IRT 1', issuer: 'Dinkes Banjarbaru', validUntil: '2020-01-01' }];
      expectProblem(await patch(facilityAdmin, `${PRODUCTS}/${draft.id}`, { status: 'PUBLISHED', certificates: expired }), 409, 'FOOD_PERMIT_REQUIRED');
      const unchanged = (await get(facilityAdmin, `${PRODUCTS}/${draft.id}`).expect(200)).body as ProductAdminView;
      expect(unchanged).toMatchObject({ status: 'DRAFT', certifications: [], sellable: false });

      const valid = [...halalOnly, { kind: 'SPP_IRT', number: 'P-IRT 2066371010123-28', issuer: 'Dinkes Banjarbaru', validUntil: '2030-06-30' }];
      const published = (await patch(facilityAdmin, `${PRODUCTS}/${draft.id}`, { status: 'PUBLISHED', certificates: valid }).expect(200))
        .body as ProductAdminView;
      expect(published).toMatchObject({ status: 'PUBLISHED', sellable: true });
      expect(published.certifications.map((c) => c.kind).sort()).toEqual(['HALAL', 'SPP_IRT']);
    });

    it('will not let a published FOOD lose its permit or a published product turn into unpermitted FOOD', async () => {
      const food = await create(facilityAdmin, {
        kind: 'FOOD',
        status: 'PUBLISHED',
        certificates: [{ kind: 'BPOM_MD', number: 'MD 123', issuer: 'BPOM', validUntil: null }],
      });
      expectProblem(await patch(facilityAdmin, `${PRODUCTS}/${food.id}`, { certificates: [] }), 409, 'FOOD_PERMIT_REQUIRED');
      const goods = await create(facilityAdmin, { status: 'PUBLISHED' });
      expectProblem(await patch(facilityAdmin, `${PRODUCTS}/${goods.id}`, { kind: 'FOOD' }), 409, 'FOOD_PERMIT_REQUIRED');
    });

    it('audits a change of certificates as one, and an edit that sends the same certificates again as none', async () => {
      const permit = { kind: 'BPOM_MD', number: 'MD 123', issuer: 'BPOM', validUntil: null };
      const halal = { kind: 'HALAL', number: 'ID31110000123', issuer: 'BPJPH', validUntil: '2030-06-30' };
      const food = await create(facilityAdmin, { kind: 'FOOD', certificates: [permit, halal] });
      // The console sends the whole form: a rename carries the certificates as they were, listed in another order.
      await patch(facilityAdmin, `${PRODUCTS}/${food.id}`, { name: 'Keripik Tempe Labar Pedas', certificates: [{ ...halal }, { ...permit }] }).expect(200);
      await patch(facilityAdmin, `${PRODUCTS}/${food.id}`, { certificates: [permit] }).expect(200);
      const audit = (await get(facilityAdmin, `/api/v1/admin/audit-events?entityId=${food.id}&action=product.update`).expect(200)).body as Page<AuditEventView>;
      const [dropped, renamed] = audit.data;
      expect(Object.keys(renamed?.changes ?? {})).toEqual(['name']);
      expect(dropped?.changes).toEqual({ certificates: { from: [permit, halal], to: [permit] } });
    });

    it('marks FOOD whose permit lapsed as not sellable', async () => {
      const product = await makeProduct(t.dataSource, banjarmasin, { kind: 'FOOD' });
      await t.dataSource.query('UPDATE product SET food_permit_valid_until = $2 WHERE id = $1', [product.id, '2021-01-01']);
      const view = (await get(facilityAdmin, `${PRODUCTS}/${product.id}`).expect(200)).body as ProductAdminView;
      expect(view.sellable).toBe(false);
    });
  });

  describe('stock', () => {
    it('sets and adjusts stock, never below zero, and audits each change', async () => {
      const product = await create(facilityAdmin, { stock: 3 });
      const set = (await patch(facilityAdmin, `${PRODUCTS}/${product.id}/stock`, { set: 5, reason: 'stock count' }).expect(200)).body as ProductAdminView;
      expect(set.stock).toBe(5);
      const down = (await patch(facilityAdmin, `${PRODUCTS}/${product.id}/stock`, { delta: -3 }).expect(200)).body as ProductAdminView;
      expect(down.stock).toBe(2);
      expectProblem(await patch(facilityAdmin, `${PRODUCTS}/${product.id}/stock`, { delta: -5 }), 409, 'CONFLICT');
      expectProblem(await patch(facilityAdmin, `${PRODUCTS}/${product.id}/stock`, { set: 1, delta: 1 }), 400, 'VALIDATION_FAILED');
      expectProblem(await patch(facilityAdmin, `${PRODUCTS}/${product.id}/stock`, {}), 400, 'VALIDATION_FAILED');
      expectProblem(await patch(facilityAdmin, `${PRODUCTS}/${product.id}/stock`, { set: -1 }), 400, 'VALIDATION_FAILED');
      const after = (await get(facilityAdmin, `${PRODUCTS}/${product.id}`).expect(200)).body as ProductAdminView;
      expect(after.stock).toBe(2);
      expect(new Date(after.updatedAt).getTime()).toBeGreaterThan(new Date(product.updatedAt).getTime());
      const audit = (await get(facilityAdmin, `/api/v1/admin/audit-events?entityId=${product.id}&action=product.stock`).expect(200))
        .body as Page<AuditEventView>;
      expect(audit.data.map((e) => e.changes.stock)).toEqual([
        { from: 5, to: 2 },
        { from: 3, to: 5 },
      ]);
      expect(audit.data[1]?.changes.reason).toEqual({ from: null, to: 'stock count' });
    });

    it('applies 25 concurrent decrements to stock 10 exactly ten times', async () => {
      const product = await create(facilityAdmin, { stock: 10 });
      const results = await Promise.all(
        Array.from({ length: 25 }, () => patch(facilityAdmin, `${PRODUCTS}/${product.id}/stock`, { delta: -1 })),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(10);
      expect(results.filter((r) => r.status === 409)).toHaveLength(15);
      const [row] = await t.dataSource.query<{ stock: number }[]>('SELECT stock FROM product WHERE id = $1', [product.id]);
      expect(row?.stock).toBe(0);
    });
  });

  describe('delete', () => {
    it('soft-deletes: the product leaves lists and edits, stays readable as a tombstone, keeps its slug', async () => {
      const product = await create(facilityAdmin, { status: 'PUBLISHED' });
      await request(t.http).delete(`${PRODUCTS}/${product.id}`).set('Authorization', facilityAdmin.bearer).expect(204);
      const list = (await get(facilityAdmin, `${PRODUCTS}?limit=100`).expect(200)).body as Page<ProductAdminView>;
      expect(list.data.map((p) => p.id)).not.toContain(product.id);
      const withDeleted = (await get(facilityAdmin, `${PRODUCTS}?limit=100&includeDeleted=true`).expect(200)).body as Page<ProductAdminView>;
      expect(withDeleted.data.find((p) => p.id === product.id)?.deletedAt).not.toBeNull();
      expect(((await get(facilityAdmin, `${PRODUCTS}/${product.id}`).expect(200)).body as ProductAdminView).deletedAt).not.toBeNull();
      expectProblem(await patch(facilityAdmin, `${PRODUCTS}/${product.id}`, { price: 1 }), 404, 'NOT_FOUND');
      expectProblem(await post(facilityAdmin, PRODUCTS, productBody({ slug: product.slug })), 409, 'CONFLICT');
    });
  });

  describe('maker credit and consent', () => {
    const consentBody = (overrides: Body = {}): Body => ({
      displayName: 'A.R.',
      nameKind: 'INITIALS',
      scopes: ['PRODUCT_CREDIT'],
      recordedOn: '2026-11-20',
      recordedByOfficer: 'Kasi Giatja Lapas Banjarmasin',
      ...overrides,
    });

    it.each([
      ['a full name as initials', { displayName: 'Ahmad Rizal' }],
      ['lower-case initials', { displayName: 'a.r.' }],
      ['a pseudonym with digits', { nameKind: 'PSEUDONYM', displayName: 'Napi 123' }],
      ['a pseudonym of four words', { nameKind: 'PSEUDONYM', displayName: 'Pak Kayu Dari Banjar' }],
      ['no scope', { scopes: [] }],
      ['an offence field', { offence: 'anything' }],
    ])('refuses %s', async (_label, overrides) => {
      expectProblem(await post(facilityAdmin, CONSENTS, consentBody(overrides)), 400, 'VALIDATION_FAILED');
    });

    it('credits an individual only through a consent record, and withdrawal reverts the credit at once', async () => {
      const consent = (await post(facilityAdmin, CONSENTS, consentBody()).expect(201)).body as ConsentView;
      const product = await create(facilityAdmin, { makerConsentId: consent.id, status: 'PUBLISHED' });
      expect(product.maker).toEqual({ type: 'INDIVIDUAL', credit: 'A.R., Bengkel kerja Lapas Banjarmasin' });

      const withdrawn = (await post(facilityAdmin, `${CONSENTS}/${consent.id}/withdraw`, {}).expect(200)).body as ConsentView;
      expect(withdrawn.withdrawnAt).not.toBeNull();
      const after = (await get(facilityAdmin, `${PRODUCTS}/${product.id}`).expect(200)).body as ProductAdminView;
      expect(after).toMatchObject({ makerConsentId: null, maker: { type: 'GROUP', credit: 'Bengkel kerja Lapas Banjarmasin' } });
      expectProblem(await patch(facilityAdmin, `${PRODUCTS}/${product.id}`, { makerConsentId: consent.id }), 409, 'CONSENT_REQUIRED');
      const audit = (await get(facilityAdmin, `/api/v1/admin/audit-events?entityId=${consent.id}&action=consent.withdraw`).expect(200))
        .body as Page<AuditEventView>;
      expect(audit.data[0]?.changes.productCreditsRemoved).toEqual({ from: null, to: [product.id] });
    });

    it('refuses consents scoped to stories only, and consents of another facility', async () => {
      const storyOnly = (await post(facilityAdmin, CONSENTS, consentBody({ scopes: ['STORY'], nameKind: 'PSEUDONYM', displayName: 'Pak Kayu' })).expect(201))
        .body as ConsentView;
      expectProblem(await post(facilityAdmin, PRODUCTS, productBody({ makerConsentId: storyOnly.id })), 409, 'CONSENT_REQUIRED');
      const foreign = (await post(otherFacilityAdmin, CONSENTS, consentBody()).expect(201)).body as ConsentView;
      expectProblem(await post(facilityAdmin, PRODUCTS, productBody({ makerConsentId: foreign.id })), 409, 'CONSENT_REQUIRED');
    });

    it('never names an individual at an LPKA', async () => {
      expectProblem(await post(lpkaAdmin, CONSENTS, consentBody()), 409, 'INDIVIDUAL_CREDIT_NOT_ALLOWED');
      const consent = (await post(facilityAdmin, CONSENTS, consentBody()).expect(201)).body as ConsentView;
      expectProblem(await post(lpkaAdmin, PRODUCTS, productBody({ makerConsentId: consent.id })), 409, 'INDIVIDUAL_CREDIT_NOT_ALLOWED');
      const groupOnly = await create(lpkaAdmin);
      expect(groupOnly.maker).toEqual({ type: 'GROUP', credit: 'Bengkel kerja LPKA Martapura' });
    });

    it('scopes consent records like everything else', async () => {
      const consent = (await post(facilityAdmin, CONSENTS, consentBody()).expect(201)).body as ConsentView;
      expectProblem(await post(otherFacilityAdmin, `${CONSENTS}/${consent.id}/withdraw`, {}), 404, 'NOT_FOUND');
      expectProblem(await post(baliRegional, `${CONSENTS}/${consent.id}/withdraw`, {}), 404, 'NOT_FOUND');
      const theirs = (await get(otherFacilityAdmin, CONSENTS).expect(200)).body as ConsentView[];
      expect(theirs.map((c) => c.id)).not.toContain(consent.id);
      expectProblem(await post(otherFacilityAdmin, CONSENTS, consentBody({ facilityId: banjarmasin.id })), 404, 'NOT_FOUND');
    });
  });

  describe('categories (superadmin only)', () => {
    it('lets a superadmin add and remove a subcategory; others get 403', async () => {
      expectProblem(await post(facilityAdmin, '/api/v1/admin/categories', { name: 'Lukisan' }), 403, 'FORBIDDEN');
      expectProblem(await post(regional, '/api/v1/admin/categories', { name: 'Lukisan' }), 403, 'FORBIDDEN');
      await post(superadmin, '/api/v1/admin/categories', { name: 'Lukisan', parentSlug: 'kerajinan' }).expect(201);
      expectProblem(await post(superadmin, '/api/v1/admin/categories', { name: 'Lukisan' }), 409, 'CONFLICT');
      expectProblem(await request(t.http).delete('/api/v1/admin/categories/sasirangan').set('Authorization', superadmin.bearer), 409, 'CONFLICT');
      await request(t.http).delete('/api/v1/admin/categories/lukisan').set('Authorization', superadmin.bearer).expect(204);
    });
  });
});
