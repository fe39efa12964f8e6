import request from 'supertest';
import type { Problem } from '../src/common/errors/problem';
import type { Facility } from '../src/facilities/facility.entity';
import type { StoryAdminView, StoryPreviewView, StoryView } from '../src/stories/story.views';
import { kanwilId, makeFacility, signedInAs } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** What the console's story screens need from the API (issue 16): the preview, the list's filters, and scope on both. */
const ADMIN = '/api/v1/admin/stories';
const PREVIEW = `${ADMIN}/preview`;

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

describe('stories for the console: preview, filters, scope', () => {
  let t: TestApp;
  let banjarmasin: Facility;
  let kotabaru: Facility;
  let banjarmasinAdmin: SignedIn;
  let kotabaruAdmin: SignedIn;
  let kalselRegional: SignedIn;
  let baliRegional: SignedIn;

  const as = (who: SignedIn) => ({
    get: (path: string) => request(t.http).get(path).set('Authorization', who.bearer),
    post: (path: string, body: Body = {}) => request(t.http).post(path).set('Authorization', who.bearer).send(body),
  });
  const draft = async (who: SignedIn, body: Body = {}): Promise<StoryAdminView> =>
    (await as(who).post(ADMIN, { title: 'Pagi di Dapur Roti', markdown: 'Adonan diuleni sejak subuh.', ...body }).expect(201)).body as StoryAdminView;
  const ids = async (who: SignedIn, query: string): Promise<string[]> => ((await as(who).get(`${ADMIN}?limit=100&${query}`).expect(200)).body as Page<StoryAdminView>).data.map((s) => s.id);

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    banjarmasin = await makeFacility(ds, { name: 'Lapas Kelas IIA Banjarmasin' });
    kotabaru = await makeFacility(ds, { name: 'Lapas Kelas IIB Kotabaru' });
    banjarmasinAdmin = await signedInAs(t.http, ds, 'FACILITY_ADMIN', { facility: banjarmasin });
    kotabaruAdmin = await signedInAs(t.http, ds, 'FACILITY_ADMIN', { facility: kotabaru });
    kalselRegional = await signedInAs(t.http, ds, 'REGIONAL_ADMIN', { kanwilId: await kanwilId(ds, 'kalsel') });
    baliRegional = await signedInAs(t.http, ds, 'REGIONAL_ADMIN', { kanwilId: await kanwilId(ds, 'bali') });
  });
  afterAll(() => t.close());

  describe('POST /admin/stories/preview', () => {
    it('renders unsaved Markdown exactly as the story will be saved and shown, with scripts and handlers gone, and stores nothing', async () => {
      const markdown = [
        '## Adonan pertama',
        'Roti **hangat** keluar dari oven.',
        '<script>alert(document.cookie)</script>',
        '<img src="https://evil.example/x.gif" onerror="alert(1)">',
        '[Lihat](javascript:alert(1))',
      ].join('\n\n');
      const before = await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM story');
      const preview = (await as(banjarmasinAdmin).post(PREVIEW, { title: '  Roti pagi  ', excerpt: 'Ringkas.', markdown }).expect(200)).body as StoryPreviewView;
      expect(preview).toMatchObject({ title: 'Roti pagi', excerpt: 'Ringkas.', readingMinutes: 1 });
      expect(preview.html).toContain('<h2>Adonan pertama</h2>');
      expect(preview.html).toContain('<strong>hangat</strong>');
      for (const gone of ['<script', 'onerror', 'javascript:', 'evil.example', 'document.cookie']) expect(preview.html).not.toContain(gone);
      const after = await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM story');
      expect(after).toEqual(before);

      // The same HTML the public page serves once the story is saved, submitted and approved.
      const story = await draft(banjarmasinAdmin, { title: 'Roti pagi', markdown });
      expect(story.html).toBe(preview.html);
      await as(banjarmasinAdmin).post(`${ADMIN}/${story.id}/submit`).expect(200);
      await as(kalselRegional).post(`${ADMIN}/${story.id}/approve`).expect(200);
      expect(((await request(t.http).get(`/api/v1/stories/${story.slug}`).expect(200)).body as StoryView).html).toBe(preview.html);
    });

    it('previews an empty editor, takes a long story, and validates like an edit', async () => {
      expect((await as(kalselRegional).post(PREVIEW, { markdown: '' }).expect(200)).body).toEqual({ title: '', excerpt: '', html: '', readingMinutes: 1 });
      const long = 'kata '.repeat(9_000); // about 45,000 characters: above the small-body limit
      expect(((await as(banjarmasinAdmin).post(PREVIEW, { markdown: long }).expect(200)).body as StoryPreviewView).readingMinutes).toBe(45);
      expectProblem(await as(banjarmasinAdmin).post(PREVIEW, { markdown: 'x'.repeat(50_001) }), 400, 'VALIDATION_FAILED');
      expectProblem(await as(banjarmasinAdmin).post(PREVIEW, { title: 'x' }), 400, 'VALIDATION_FAILED');
      expectProblem(await as(banjarmasinAdmin).post(PREVIEW, { markdown: 'x', fullName: 'Budi Santoso' }), 400, 'VALIDATION_FAILED');
      expectProblem(await request(t.http).post(PREVIEW).send({ markdown: 'x' }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('GET /admin/stories filters', () => {
    it('sentBack=true lists what review returned with a comment, until it is submitted again', async () => {
      const returned = await draft(banjarmasinAdmin, { title: 'Dikembalikan Humas' });
      const plain = await draft(banjarmasinAdmin, { title: 'Draf biasa' });
      await as(banjarmasinAdmin).post(`${ADMIN}/${returned.id}/submit`).expect(200);
      await as(kalselRegional).post(`${ADMIN}/${returned.id}/reject`, { reason: 'Foto sampul menampilkan wajah.' }).expect(200);

      const sentBack = await ids(banjarmasinAdmin, 'sentBack=true');
      expect(sentBack).toContain(returned.id);
      expect(sentBack).not.toContain(plain.id);
      const listed = ((await as(banjarmasinAdmin).get(`${ADMIN}?sentBack=true`).expect(200)).body as Page<StoryAdminView>).data;
      expect(listed.every((s) => s.rejectionReason !== null)).toBe(true);
      expect(await ids(kotabaruAdmin, 'sentBack=true')).not.toContain(returned.id);

      await as(banjarmasinAdmin).post(`${ADMIN}/${returned.id}/submit`).expect(200);
      expect(await ids(banjarmasinAdmin, 'sentBack=true')).not.toContain(returned.id);
      expect(await ids(kalselRegional, 'awaitingReview=true')).toContain(returned.id);
      expectProblem(await as(banjarmasinAdmin).get(`${ADMIN}?sentBack=yes`), 400, 'VALIDATION_FAILED');
    });

    it('q= matches titles, live or in a pending revision, case-insensitively, with LIKE wildcards taken literally', async () => {
      const bread = await draft(banjarmasinAdmin, { title: 'Roti Sobek dari Banjarmasin' });
      const percent = await draft(banjarmasinAdmin, { title: 'Panen naik 100% tahun ini' });
      expect(await ids(banjarmasinAdmin, 'q=roti%20sobek')).toEqual([bread.id]);
      expect(await ids(banjarmasinAdmin, `q=${encodeURIComponent('100%')}`)).toEqual([percent.id]);
      expect(await ids(banjarmasinAdmin, `q=${encodeURIComponent('%')}`)).toEqual([percent.id]);
      expect(await ids(kotabaruAdmin, 'q=roti%20sobek')).toEqual([]);
      expectProblem(await as(banjarmasinAdmin).get(`${ADMIN}?q=${'x'.repeat(101)}`), 400, 'VALIDATION_FAILED');
    });
  });

  describe('scope of the routes the console uses', () => {
    it("another facility's admin gets 404 on a story and cannot review at all (403); a regional admin of another region cannot review (404)", async () => {
      const story = await draft(banjarmasinAdmin, { title: 'Milik Banjarmasin' });
      await as(banjarmasinAdmin).post(`${ADMIN}/${story.id}/submit`).expect(200);

      expectProblem(await as(kotabaruAdmin).get(`${ADMIN}/${story.id}`), 404, 'NOT_FOUND');
      expect(await ids(kotabaruAdmin, 'awaitingReview=true')).not.toContain(story.id);
      expectProblem(await as(kotabaruAdmin).post(`${ADMIN}/${story.id}/approve`), 403, 'FORBIDDEN');
      expectProblem(await as(banjarmasinAdmin).post(`${ADMIN}/${story.id}/approve`), 403, 'FORBIDDEN');

      expect(await ids(baliRegional, 'awaitingReview=true')).not.toContain(story.id);
      expect(await ids(baliRegional, 'q=Milik%20Banjarmasin')).toEqual([]);
      expectProblem(await as(baliRegional).get(`${ADMIN}/${story.id}`), 404, 'NOT_FOUND');
      expectProblem(await as(baliRegional).post(`${ADMIN}/${story.id}/approve`), 404, 'NOT_FOUND');
      expectProblem(await as(baliRegional).post(`${ADMIN}/${story.id}/reject`, { reason: 'Bukan wilayah saya' }), 404, 'NOT_FOUND');

      expect(await ids(kalselRegional, 'awaitingReview=true')).toContain(story.id);
      await as(kalselRegional).post(`${ADMIN}/${story.id}/approve`).expect(200);
    });

    it('refuses to submit a story about one maker without consent (409 CONSENT_REQUIRED), and submits it once consent is linked', async () => {
      const story = await draft(banjarmasinAdmin, { title: 'Perjalanan A.R. di bengkel', featuresIndividual: true });
      expectProblem(await as(banjarmasinAdmin).post(`${ADMIN}/${story.id}/submit`), 409, 'CONSENT_REQUIRED');
      const consent = (await as(banjarmasinAdmin)
        .post('/api/v1/admin/maker-consents', { displayName: 'A.R.', nameKind: 'INITIALS', scopes: ['STORY'], recordedOn: '2026-12-01', recordedByOfficer: 'Kasi Giatja' })
        .expect(201)).body as { id: string };
      await request(t.http).patch(`${ADMIN}/${story.id}`).set('Authorization', banjarmasinAdmin.bearer).send({ consentRecordId: consent.id }).expect(200);
      expect((await as(banjarmasinAdmin).post(`${ADMIN}/${story.id}/submit`).expect(200)).body).toMatchObject({ status: 'IN_REVIEW' });
    });
  });
});
