import request from 'supertest';
import sharp from 'sharp';
import type { CampaignSummaryView, CampaignView, ShareLinkView } from '../src/humas/campaigns/campaign.views';
import { LinkClickCounter } from '../src/humas/links/link-click-counter.service';
import { signedInAs } from './support/factories';
import { makeShowcaseData, type ShowcaseData } from './support/showcase-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(240_000);

const SITE = 'https://etalase.example.id';
const CAMPAIGNS = '/api/v1/admin/humas/campaigns';
const LINKS = '/api/v1/admin/humas/links';
const BROWSERS = [
  'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
];
const BOTS = ['WhatsApp/2.23.20.0 A', 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', 'Twitterbot/1.0', 'TelegramBot (like TwitterBot)'];

/** Runs `jobs` a few at a time, as a burst of clicks from many phones would arrive. */
async function burst(jobs: (() => Promise<unknown>)[], parallel = 16): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < jobs.length) {
        const job = jobs[next];
        next += 1;
        await job?.();
      }
    }),
  );
}

/** The body as bytes, whatever its type (supertest parses only text and JSON itself). */
const collect: Parameters<request.Test['parse']>[0] = (response, callback) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('humas share links: redirect, click counting, QR codes and product cards', () => {
  let t: TestApp;
  let data: ShowcaseData;
  let banjarmasin: string;
  let batam: string;
  let campaign: CampaignView;

  async function link(body: Record<string, unknown>, bearer = banjarmasin, id = campaign.id): Promise<ShareLinkView> {
    const response = await request(t.http).post(`${CAMPAIGNS}/${id}/links`).set('Authorization', bearer).send(body).expect(201);
    return response.body as ShareLinkView;
  }

  beforeAll(async () => {
    t = await startTestApp({ WEB_BASE_URL: SITE });
    data = await makeShowcaseData(t.app, t.dataSource);
    banjarmasin = (await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: data.banjarmasin })).bearer;
    batam = (await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: data.batam })).bearer;
    const created = await request(t.http).post(CAMPAIGNS).set('Authorization', banjarmasin).send({ name: 'Pameran Sasirangan', startsOn: '2026-12-01', endsOn: '2026-12-31', goal: 'ORDERS', productIds: [data.sasirangan.id] }).expect(201);
    campaign = created.body as CampaignView;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('makes links per channel with 7-character codes without look-alikes, each opening its page with ?k=', async () => {
    const product = await link({ channel: 'WHATSAPP', targetKind: 'PRODUCT', targetId: data.sasirangan.id });
    const story = await link({ channel: 'INSTAGRAM', targetKind: 'STORY', targetId: data.story.id });
    const facility = await link({ channel: 'FACEBOOK', targetKind: 'FACILITY', targetId: data.banjarmasin.id });
    const home = await link({ channel: 'X', targetKind: 'HOME' });
    for (const made of [product, story, facility, home]) {
      expect(made.code).toMatch(/^[23456789abcdefghjkmnpqrstuvwxyz]{7}$/);
      expect(made.shortUrl).toBe(`${SITE}/s/${made.code}`);
    }
    expect(new Set([product, story, facility, home].map((made) => made.code)).size).toBe(4);
    const expected: [ShareLinkView, string][] = [
      [product, `${SITE}/produk/${data.sasirangan.slug}?k=${product.code}`],
      [story, `${SITE}/cerita/${data.story.slug}?k=${story.code}`],
      [facility, `${SITE}/unit/${data.banjarmasin.slug}?k=${facility.code}`],
      [home, `${SITE}/?k=${home.code}`],
    ];
    for (const [made, location] of expected) {
      const response = await request(t.http).get(`/s/${made.code}`).set('User-Agent', BROWSERS[0] ?? '').expect(302);
      expect(response.headers.location).toBe(location);
      expect(response.headers['cache-control']).toBe('no-store');
    }
    // Typed from a poster in capitals: still the link.
    const shouted = await request(t.http).get(`/s/${product.code.toUpperCase()}`).expect(302);
    expect(shouted.headers.location).toContain(`?k=${product.code}`);
    // And the page it opens is there.
    await request(t.http).get(`/produk/${data.sasirangan.slug}?k=${product.code}`).set('User-Agent', BROWSERS[0] ?? '').expect(200);

    const listed = await request(t.http).get(`${CAMPAIGNS}/${campaign.id}/links`).set('Authorization', banjarmasin).expect(200);
    expect((listed.body as { data: ShareLinkView[] }).data.map((made) => made.id)).toEqual([home.id, facility.id, story.id, product.id]);
  });

  it("answers an unknown code with the website's 404 page", async () => {
    for (const path of ['/s/zzzzzzz', '/s/0000000', '/s/abc', '/s/k7mq3xd2']) {
      const response = await request(t.http).get(path).set('Accept', 'text/html').expect(404);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('<html');
    }
  });

  it('refuses links to pages outside the campaign, and bad input', async () => {
    const batamProduct = data.products.find((product) => product.facilityId === data.batam.id);
    const refuse = async (body: Record<string, unknown>, field: string): Promise<void> => {
      const response = await request(t.http).post(`${CAMPAIGNS}/${campaign.id}/links`).set('Authorization', banjarmasin).send(body).expect(400);
      expect((response.body.errors as { field: string }[]).map((error) => error.field)).toContain(field);
    };
    await refuse({ channel: 'WHATSAPP', targetKind: 'PRODUCT', targetId: batamProduct?.id }, 'targetId');
    await refuse({ channel: 'WHATSAPP', targetKind: 'FACILITY', targetId: data.batam.id }, 'targetId');
    await refuse({ channel: 'WHATSAPP', targetKind: 'PRODUCT' }, 'targetId');
    await refuse({ channel: 'WHATSAPP', targetKind: 'HOME', targetId: data.sasirangan.id }, 'targetId');
    await refuse({ channel: 'TELEGRAM', targetKind: 'HOME' }, 'channel');
    await refuse({ channel: 'PRINT', targetKind: 'HOME', code: 'aaaaaaa' }, 'code');
  });

  it('counts a burst of clicks exactly after the flush, one row per link and day; bots, HEAD and prefetches not', async () => {
    const whatsapp = await link({ channel: 'WHATSAPP', targetKind: 'PRODUCT', targetId: data.sasirangan.id });
    const print = await link({ channel: 'PRINT', targetKind: 'PRODUCT', targetId: data.sasirangan.id });
    const counter = t.app.get(LinkClickCounter);
    await counter.flush();
    const before = (await request(t.http).get(`${CAMPAIGNS}/${campaign.id}/summary`).set('Authorization', banjarmasin).expect(200)).body as CampaignSummaryView;

    const jobs: (() => Promise<unknown>)[] = [];
    for (let i = 0; i < 150; i += 1) jobs.push(() => request(t.http).get(`/s/${whatsapp.code}`).set('User-Agent', BROWSERS[i % 2] ?? '').expect(302));
    for (let i = 0; i < 50; i += 1) jobs.push(() => request(t.http).get(`/s/${print.code}`).set('User-Agent', BROWSERS[i % 2] ?? '').expect(302));
    // Link previews and crawlers, HEAD requests, prefetches and scripts without a User-Agent: redirected, not counted.
    for (let i = 0; i < 40; i += 1) jobs.push(() => request(t.http).get(`/s/${whatsapp.code}`).set('User-Agent', BOTS[i % BOTS.length] ?? '').expect(302));
    for (let i = 0; i < 10; i += 1) jobs.push(() => request(t.http).head(`/s/${whatsapp.code}`).set('User-Agent', BROWSERS[0] ?? '').expect(302));
    for (let i = 0; i < 10; i += 1) jobs.push(() => request(t.http).get(`/s/${print.code}`).set('User-Agent', BROWSERS[1] ?? '').set('Sec-Purpose', 'prefetch').expect(302));
    for (let i = 0; i < 5; i += 1) jobs.push(() => request(t.http).get(`/s/${print.code}`).unset('User-Agent').expect(302));
    await burst(jobs);
    await counter.flush();

    const rows = await t.dataSource.query<{ link_id: string; clicks: number }[]>(`SELECT link_id, clicks FROM link_click_daily WHERE link_id = ANY($1::uuid[])`, [[whatsapp.id, print.id]]);
    expect(rows.length).toBe(2);
    expect(Object.fromEntries(rows.map((row) => [row.link_id, row.clicks]))).toEqual({ [whatsapp.id]: 150, [print.id]: 50 });
    const after = (await request(t.http).get(`${CAMPAIGNS}/${campaign.id}/summary`).set('Authorization', banjarmasin).expect(200)).body as CampaignSummaryView;
    expect(after.clicks - before.clicks).toBe(200);
    expect(after.clicksByChannel.WHATSAPP - before.clicksByChannel.WHATSAPP).toBe(150);
    expect(after.clicksByChannel.PRINT - before.clicksByChannel.PRINT).toBe(50);
    expect(after.clicksByChannel.INSTAGRAM).toBe(before.clicksByChannel.INSTAGRAM);

    // A second burst adds to the same rows.
    await burst(Array.from({ length: 30 }, () => () => request(t.http).get(`/s/${print.code}`).set('User-Agent', BROWSERS[0] ?? '').expect(302)));
    await counter.flush();
    const [row] = await t.dataSource.query<{ clicks: number }[]>(`SELECT sum(clicks)::int AS clicks FROM link_click_daily WHERE link_id = $1`, [print.id]);
    expect(row?.clicks).toBe(80);
  });

  it('draws the QR code as SVG and PNG, only for admins of the campaign', async () => {
    const made = await link({ channel: 'PRINT', targetKind: 'PRODUCT', targetId: data.sasirangan.id });
    const svg = await request(t.http).get(`${LINKS}/${made.id}/qr`).query({ format: 'svg' }).set('Authorization', banjarmasin).buffer(true).parse(collect).expect(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const text = (svg.body as Buffer).toString('utf8');
    expect(text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 (\d+) \1"/);
    expect(text).toContain('<path');
    expect(text.trim().endsWith('</svg>')).toBe(true);
    // A QR symbol is 17 + 4v modules a side (version v), here with a quiet zone of 2 on each side.
    const side = Number(/viewBox="0 0 (\d+)/.exec(text)?.[1]);
    expect((side - 4 - 17) % 4).toBe(0);
    expect(side).toBeGreaterThanOrEqual(25);

    const png = await request(t.http).get(`${LINKS}/${made.id}/qr`).query({ format: 'png' }).set('Authorization', banjarmasin).buffer(true).parse(collect).expect(200);
    expect(png.headers['content-type']).toBe('image/png');
    const body = png.body as Buffer;
    expect(body.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    const meta = await sharp(body).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 1024, height: 1024 });
    // Black modules on white, in both colours.
    const stats = await sharp(body).greyscale().stats();
    expect(stats.channels[0]?.min).toBe(0);
    expect(stats.channels[0]?.max).toBe(255);

    // The default is SVG; other formats are refused; another facility's admin is told it does not exist.
    const plain = await request(t.http).get(`${LINKS}/${made.id}/qr`).set('Authorization', banjarmasin).buffer(true).parse(collect).expect(200);
    expect(plain.headers['content-type']).toMatch(/^image\/svg\+xml/);
    await request(t.http).get(`${LINKS}/${made.id}/qr`).query({ format: 'gif' }).set('Authorization', banjarmasin).expect(400);
    await request(t.http).get(`${LINKS}/${made.id}/qr`).set('Authorization', batam).expect(404);
    await request(t.http).get(`${LINKS}/${made.id}/card`).set('Authorization', batam).expect(404);
    await request(t.http).get(`${LINKS}/${made.id}/qr`).expect(401);
  });

  it('prints an A6 product card with photo, name, price, facility and the QR code', async () => {
    const made = await link({ channel: 'PRINT', targetKind: 'PRODUCT', targetId: data.sasirangan.id });
    const card = await request(t.http).get(`${LINKS}/${made.id}/card`).set('Authorization', banjarmasin).expect(200);
    expect(card.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(card.headers['content-security-policy']).toContain("default-src 'none'");
    expect(card.text).toContain('@page { size: A6 portrait');
    expect(card.text).toContain(`<h1>${data.sasirangan.name}</h1>`);
    expect(card.text).toContain('Rp125.000');
    expect(card.text).toContain(data.banjarmasin.name);
    expect(card.text).toMatch(/<img class="photo" src="[^"]+\.webp"/);
    expect(card.text).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(card.text).toContain(`etalase.example.id/s/${made.code}`);
    const home = await link({ channel: 'PRINT', targetKind: 'HOME' });
    const refused = await request(t.http).get(`${LINKS}/${home.id}/card`).set('Authorization', banjarmasin).expect(409);
    expect(refused.body.code).toBe('INVALID_STATE');
  });
});
