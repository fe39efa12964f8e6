import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import type { ShareKitView } from '../src/showcase/share/share-kit.view';
import { makeProduct } from './support/catalog-factories';
import { signedInAs } from './support/factories';
import { makeShowcaseData, type ShowcaseData } from './support/showcase-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/** Saved by every run so a person can look at what an officer posts. */
const OUT = join(__dirname, '..', 'test-output', 'share-kit');
const SIZES = { landscape: [1200, 630], square: [1080, 1080], story: [1080, 1920] } as const;

describe('share kit (GET /admin/products/:id/share-kit, /admin/stories/:id/share-kit)', () => {
  let t: TestApp;
  let data: ShowcaseData;
  let own: string;
  let other: string;

  beforeAll(async () => {
    t = await startTestApp();
    data = await makeShowcaseData(t.app, t.dataSource);
    own = (await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: data.banjarmasin })).bearer;
    other = (await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: data.batam })).bearer;
    await mkdir(OUT, { recursive: true });
  });

  afterAll(async () => {
    await t?.close();
  });

  async function pictures(kit: ShareKitView): Promise<void> {
    expect(kit.images.map((image) => image.format)).toEqual(['landscape', 'square', 'story']);
    for (const image of kit.images) {
      const response = await request(t.http).get(new URL(image.url).pathname).expect(200);
      expect(response.headers['content-type']).toBe('image/jpeg');
      const body = response.body as Buffer;
      const meta = await sharp(body).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', ...SIZES[image.format]]);
      expect([image.width, image.height]).toEqual(SIZES[image.format]);
      expect(image.fileName).toBe(`${new URL(kit.webUrl).pathname.split('/').pop() ?? ''}-${image.width}x${image.height}.jpg`);
      await writeFile(join(OUT, `${kit.kind}-${image.format}.jpg`), body);
    }
  }

  it("gives a facility's admin its product's three pictures and an Indonesian caption", async () => {
    const response = await request(t.http).get(`/api/v1/admin/products/${data.sasirangan.id}/share-kit`).set('Authorization', own).expect(200);
    const kit = response.body as ShareKitView;
    expect(kit).toMatchObject({ kind: 'product', id: data.sasirangan.id, title: 'Kain Sasirangan Motif Gigi Haruan' });
    expect(kit.webUrl).toMatch(new RegExp(`/produk/${data.sasirangan.slug}$`));
    expect(kit.caption).toContain('Kain Sasirangan Motif Gigi Haruan – Rp125.000');
    expect(kit.caption).toContain('Lapas Kelas IIA Banjarmasin');
    expect(kit.caption).toContain(kit.webUrl);
    expect(kit.caption).toContain('#KaryaWargaBinaan #Pemasyarakatan');
    expect(kit.hashtags).toEqual(['#KaryaWargaBinaan', '#Pemasyarakatan', '#PembinaanKemandirian']);
    await pictures(kit);
  });

  it("gives the story's pictures and caption", async () => {
    const response = await request(t.http).get(`/api/v1/admin/stories/${data.story.id}/share-kit`).set('Authorization', own).expect(200);
    const kit = response.body as ShareKitView;
    expect(kit.caption.split('\n')[0]).toBe('Pagi di bengkel sasirangan');
    expect(kit.caption).toContain('Setiap pagi, bengkel kerja Lapas Banjarmasin mulai mencelup kain.');
    expect(kit.caption).toContain(`Baca selengkapnya dari Lapas Kelas IIA Banjarmasin: ${kit.webUrl}`);
    expect(kit.caption).toContain('#KaryaWargaBinaan #Pemasyarakatan');
    await pictures(kit);
  });

  it("answers another facility's admin 404 for both, as if they did not exist", async () => {
    const product = await request(t.http).get(`/api/v1/admin/products/${data.sasirangan.id}/share-kit`).set('Authorization', other).expect(404);
    expect(product.headers['content-type']).toContain('application/problem+json');
    expect((product.body as { code: string }).code).toBe('NOT_FOUND');
    await request(t.http).get(`/api/v1/admin/stories/${data.story.id}/share-kit`).set('Authorization', other).expect(404);
  });

  it("answers a regional admin of another Kanwil 404, and gives one of the facility's own Kanwil the kit", async () => {
    const elsewhere = (await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: data.batam.kanwilId })).bearer;
    const here = (await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: data.banjarmasin.kanwilId })).bearer;
    await request(t.http).get(`/api/v1/admin/products/${data.sasirangan.id}/share-kit`).set('Authorization', elsewhere).expect(404);
    await request(t.http).get(`/api/v1/admin/stories/${data.story.id}/share-kit`).set('Authorization', elsewhere).expect(404);
    await request(t.http).get(`/api/v1/admin/products/${data.sasirangan.id}/share-kit`).set('Authorization', here).expect(200);
  });

  it('refuses a draft (no public page to link to) with INVALID_STATE', async () => {
    const draft = await makeProduct(t.dataSource, data.banjarmasin, { name: 'Tas Rotan Draf', status: 'DRAFT', publishedAt: null });
    const response = await request(t.http).get(`/api/v1/admin/products/${draft.id}/share-kit`).set('Authorization', own).expect(409);
    expect((response.body as { code: string }).code).toBe('INVALID_STATE');
  });

  it('sends an old version of a square picture to the current one', async () => {
    const response = await request(t.http).get(`/api/v1/admin/products/${data.sasirangan.id}/share-kit`).set('Authorization', own).expect(200);
    const square = (response.body as ShareKitView).images.find((image) => image.format === 'square');
    const path = new URL(square?.url ?? '').pathname;
    const stale = path.replace(/\.[0-9a-f]{12}\.jpg$/, '.000000000000.jpg');
    const redirect = await request(t.http).get(stale).expect(302);
    expect(redirect.headers.location).toBe(square?.url);
  });

  describe('with a campaign and channel (tracked link)', () => {
    const CAMPAIGNS = '/api/v1/admin/humas/campaigns';
    let campaignId: string;
    let batamCampaignId: string;
    const kitOf = (path: string, query: Record<string, string>, bearer = own, status = 200): Promise<request.Response> =>
      request(t.http).get(`/api/v1/admin/${path}/share-kit`).query(query).set('Authorization', bearer).expect(status);

    beforeAll(async () => {
      const body = { name: 'Pameran Sasirangan', startsOn: '2026-12-01', endsOn: '2026-12-31', goal: 'ORDERS' };
      campaignId = ((await request(t.http).post(CAMPAIGNS).set('Authorization', own).send(body).expect(201)).body as { id: string }).id;
      batamCampaignId = ((await request(t.http).post(CAMPAIGNS).set('Authorization', other).send(body).expect(201)).body as { id: string }).id;
    });

    it("puts the campaign's short link for the channel in the caption, and it opens the product's page", async () => {
      const kit = (await kitOf(`products/${data.sasirangan.id}`, { campaignId, channel: 'WHATSAPP' })).body as ShareKitView;
      expect(kit.trackedLink).toMatch(/\/s\/[a-z0-9]{7}$/);
      expect(kit.caption).toContain(`Pesan sekarang: ${kit.trackedLink ?? ''}`);
      expect(kit.caption).not.toContain(kit.webUrl);
      expect(kit.webUrl).toMatch(new RegExp(`/produk/${data.sasirangan.slug}$`));
      const redirect = await request(t.http).get(new URL(kit.trackedLink ?? '').pathname).expect(302);
      expect(redirect.headers.location).toContain(`/produk/${data.sasirangan.slug}?k=`);
      const links = (await request(t.http).get(`${CAMPAIGNS}/${campaignId}/links`).set('Authorization', own).expect(200)).body as { data: { channel: string; targetKind: string; targetId: string; shortUrl: string }[] };
      expect(links.data).toEqual([expect.objectContaining({ channel: 'WHATSAPP', targetKind: 'PRODUCT', targetId: data.sasirangan.id, shortUrl: kit.trackedLink })]);
    });

    it('reuses the same link on a second call, and makes another for another channel or for the story', async () => {
      const first = (await kitOf(`products/${data.sasirangan.id}`, { campaignId, channel: 'INSTAGRAM' })).body as ShareKitView;
      const again = (await kitOf(`products/${data.sasirangan.id}`, { campaignId, channel: 'INSTAGRAM' })).body as ShareKitView;
      expect(again.trackedLink).toBe(first.trackedLink);
      expect(again.caption).toBe(first.caption);
      const whatsapp = (await kitOf(`products/${data.sasirangan.id}`, { campaignId, channel: 'WHATSAPP' })).body as ShareKitView;
      expect(whatsapp.trackedLink).not.toBe(first.trackedLink);
      const story = (await kitOf(`stories/${data.story.id}`, { campaignId, channel: 'INSTAGRAM' })).body as ShareKitView;
      expect(story.caption).toContain(`Baca selengkapnya dari Lapas Kelas IIA Banjarmasin: ${story.trackedLink ?? ''}`);
      expect(new Set([first.trackedLink, whatsapp.trackedLink, story.trackedLink]).size).toBe(3);
      const links = (await request(t.http).get(`${CAMPAIGNS}/${campaignId}/links`).set('Authorization', own).expect(200)).body as { data: unknown[] };
      expect(links.data).toHaveLength(3);
    });

    it("answers 404 for another facility's campaign, and makes no link in it", async () => {
      const response = await kitOf(`products/${data.sasirangan.id}`, { campaignId: batamCampaignId, channel: 'WHATSAPP' }, own, 404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect((response.body as { code: string }).code).toBe('NOT_FOUND');
      await kitOf(`stories/${data.story.id}`, { campaignId: batamCampaignId, channel: 'WHATSAPP' }, own, 404);
      const links = (await request(t.http).get(`${CAMPAIGNS}/${batamCampaignId}/links`).set('Authorization', other).expect(200)).body as { data: unknown[] };
      expect(links.data).toHaveLength(0);
    });

    it('answers 400 for an unknown channel, a lower-case one, or one of the two parameters alone', async () => {
      const queries: Record<string, string>[] = [{ campaignId, channel: 'TELEGRAM' }, { campaignId, channel: 'whatsapp' }, { campaignId }, { channel: 'WHATSAPP' }, { campaignId: 'nope', channel: 'X' }];
      for (const query of queries) {
        const response = await kitOf(`products/${data.sasirangan.id}`, query, own, 400);
        expect((response.body as { code: string }).code).toBe('VALIDATION_FAILED');
      }
    });

    it("answers 400 when the product is outside the campaign's scope (national staff, a Batam campaign, a Banjarmasin product)", async () => {
      const national = (await signedInAs(t.http, t.dataSource, 'SUPERADMIN')).bearer;
      const response = await kitOf(`products/${data.sasirangan.id}`, { campaignId: batamCampaignId, channel: 'PRINT' }, national, 400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'targetId' })] });
    });

    it('leaves the kit as it was without the parameters: the page link, no trackedLink', async () => {
      const kit = (await kitOf(`products/${data.sasirangan.id}`, {})).body as ShareKitView;
      expect(kit.caption).toContain(`Pesan sekarang: ${kit.webUrl}`);
      expect(kit).not.toHaveProperty('trackedLink');
    });
  });
});
