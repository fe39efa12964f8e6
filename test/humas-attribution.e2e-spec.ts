import request from 'supertest';
import type { CampaignSummaryView, CampaignView, ShareLinkView } from '../src/humas/campaigns/campaign.views';
import type { OrderAdminView } from '../src/orders/order-admin.views';
import { LinkClickCounter } from '../src/humas/links/link-click-counter.service';
import { VisitClock } from '../src/humas/visits/visit-day';
import { signedInAs } from './support/factories';
import { buyThroughWebsite, cartCookie } from './support/showcase-checkout';
import { makeShowcaseData, type ShowcaseData } from './support/showcase-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(240_000);

const SITE = 'https://etalase.example.id';
const CAMPAIGNS = '/api/v1/admin/humas/campaigns';
const BROWSER = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36';
const DAY = 24 * 3600 * 1000;

interface OrderRow {
  id: string;
  total: number;
  first_touch_code: string | null;
  first_touch_at: Date | null;
  last_touch_code: string | null;
  last_touch_at: Date | null;
}

describe('humas attribution: orders carry the campaign that brought the shopper', () => {
  let t: TestApp;
  let data: ShowcaseData;
  let national: string;
  let now: Date;
  /** Two campaigns, one link each, so first and last touch can point at different campaigns. */
  let ramadan: CampaignView;
  let harkitnas: CampaignView;
  let whatsapp: ShareLinkView;
  let instagram: ShareLinkView;

  beforeAll(async () => {
    t = await startTestApp({ WEB_BASE_URL: SITE, ATTRIBUTION_WINDOW_DAYS: '30' });
    now = new Date();
    jest.spyOn(t.app.get(VisitClock), 'now').mockImplementation(() => now);
    data = await makeShowcaseData(t.app, t.dataSource);
    national = (await signedInAs(t.http, t.dataSource, 'SUPERADMIN')).bearer;
    const campaign = async (name: string): Promise<CampaignView> =>
      (await request(t.http).post(CAMPAIGNS).set('Authorization', national).send({ name, startsOn: '2026-11-01', endsOn: '2027-01-31', goal: 'ORDERS' }).expect(201)).body as CampaignView;
    const link = async (of: CampaignView, body: Record<string, unknown>): Promise<ShareLinkView> => (await request(t.http).post(`${CAMPAIGNS}/${of.id}/links`).set('Authorization', national).send(body).expect(201)).body as ShareLinkView;
    ramadan = await campaign('Ramadan berkah');
    harkitnas = await campaign('Harkitnas');
    whatsapp = await link(ramadan, { channel: 'WHATSAPP', targetKind: 'PRODUCT', targetId: data.sasirangan.id });
    instagram = await link(harkitnas, { channel: 'INSTAGRAM', targetKind: 'HOME' });
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Opens a page as a phone's browser would, with the cookie it holds; returns the cookie it holds after. */
  async function open(path: string, cookie: string | undefined): Promise<{ cookie: string | undefined; response: request.Response }> {
    const call = request(t.http).get(path).set('User-Agent', BROWSER);
    if (cookie) call.set('Cookie', cookie);
    const response = await call.expect(200);
    return { cookie: cartCookie(response) ?? cookie, response };
  }

  /** Buys the product through the website with the cookie; the order's row. */
  async function buy(cookie: string | undefined): Promise<OrderRow> {
    const number = await buyThroughWebsite(t.http, data.sasirangan.slug, cookie);
    const [row] = await t.dataSource.query<OrderRow[]>(`SELECT id, total, first_touch_code, first_touch_at, last_touch_code, last_touch_at FROM shop_order WHERE number = $1`, [number]);
    if (!row) throw new Error(`order ${number} not found`);
    return row;
  }

  async function summary(of: CampaignView, touch?: 'first' | 'last'): Promise<CampaignSummaryView> {
    const response = await request(t.http).get(`${CAMPAIGNS}/${of.id}/summary`).query(touch ? { touch } : {}).set('Authorization', national).expect(200);
    return response.body as CampaignSummaryView;
  }

  let firstThenLast: OrderRow;
  let onlyWhatsapp: OrderRow;
  let untouched: OrderRow;

  it('records the first and last touch in the cart cookie and stores both on the order', async () => {
    const start = new Date(now.getTime());
    const followed = await request(t.http).get(`/s/${whatsapp.code}`).set('User-Agent', BROWSER).expect(302);
    const landing = new URL(String(followed.headers.location));
    const first = await open(`${landing.pathname}${landing.search}`, undefined);
    expect(first.cookie).toMatch(/^etalase_cart=/);
    expect(first.response.headers['cache-control']).toBe('private, no-store');
    expect(String(first.response.headers['set-cookie'])).toContain(`Max-Age=${30 * 24 * 3600}`);

    // Two days later the same phone comes back through the Instagram link, then buys.
    now = new Date(start.getTime() + 2 * DAY);
    const second = await open(`/?k=${instagram.code}`, first.cookie);
    expect(second.cookie).not.toBe(first.cookie);
    firstThenLast = await buy(second.cookie);
    expect(firstThenLast).toMatchObject({ first_touch_code: whatsapp.code, last_touch_code: instagram.code });
    expect(firstThenLast.first_touch_at?.getTime()).toBe(start.getTime());
    expect(firstThenLast.last_touch_at?.getTime()).toBe(start.getTime() + 2 * DAY);

    // Another phone through WhatsApp only.
    onlyWhatsapp = await buy((await open(`/produk/${data.sasirangan.slug}?k=${whatsapp.code.toUpperCase()}`, undefined)).cookie);
    expect(onlyWhatsapp).toMatchObject({ first_touch_code: whatsapp.code, last_touch_code: whatsapp.code });
  });

  it('leaves pages without a known code publicly cacheable and without a cookie', async () => {
    for (const path of [`/produk/${data.sasirangan.slug}`, `/produk/${data.sasirangan.slug}?k=zzzzzzz`, '/?k=bukan-kode', '/?k=']) {
      const { response } = await open(path, undefined);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.headers['cache-control']).toMatch(/^public/);
    }
    const plain = await buy(undefined);
    untouched = plain;
    expect(plain).toMatchObject({ first_touch_code: null, first_touch_at: null, last_touch_code: null, last_touch_at: null });
  });

  it('attributes nothing to a touch older than the window', async () => {
    const start = now;
    const touched = await open(`/?k=${instagram.code}`, undefined);
    now = new Date(start.getTime() + 31 * DAY);
    const late = await buy(touched.cookie);
    expect(late).toMatchObject({ first_touch_code: null, last_touch_code: null });
    // Within the window (29 days) it still counts.
    now = start;
    const touchedAgain = await open(`/?k=${instagram.code}`, undefined);
    now = new Date(start.getTime() + 29 * DAY);
    const inTime = await buy(touchedAgain.cookie);
    expect(inTime).toMatchObject({ first_touch_code: instagram.code, last_touch_code: instagram.code });
    now = start;
  });

  it('sums clicks by channel, orders and paid revenue per campaign, by last touch and by first', async () => {
    await request(t.http).post(`/api/v1/admin/orders/${onlyWhatsapp.id}/confirm-payment`).set('Authorization', national).expect(200);
    await t.app.get(LinkClickCounter).flush();
    // Clicks so far: one on the WhatsApp link (the first test's); none on Instagram (its visits came by typed ?k=).
    const ramadanLast = await summary(ramadan);
    expect(ramadanLast).toEqual({
      campaignId: ramadan.id,
      touch: 'last',
      clicks: 1,
      clicksByChannel: { WHATSAPP: 1, INSTAGRAM: 0, FACEBOOK: 0, TIKTOK: 0, X: 0, PRINT: 0 },
      orders: 1,
      paidOrders: 1,
      paidRevenue: onlyWhatsapp.total,
      currency: 'IDR',
    });
    expect(await summary(ramadan, 'first')).toMatchObject({ touch: 'first', orders: 2, paidOrders: 1, paidRevenue: onlyWhatsapp.total });
    // Harkitnas: last touch of the first phone's order and of the one bought within the window; first touch of the latter only.
    expect(await summary(harkitnas, 'last')).toMatchObject({ clicks: 0, orders: 2, paidOrders: 0, paidRevenue: 0 });
    expect(await summary(harkitnas, 'first')).toMatchObject({ orders: 1, paidOrders: 0, paidRevenue: 0 });
    await request(t.http).get(`${CAMPAIGNS}/${ramadan.id}/summary`).query({ touch: 'middle' }).set('Authorization', national).expect(400);
  });

  it('shows on the admin order view which campaign and channel brought the order, and keeps the code once the campaign is gone', async () => {
    const attribution = async (order: OrderRow, bearer = national): Promise<OrderAdminView['attribution']> =>
      ((await request(t.http).get(`/api/v1/admin/orders/${order.id}`).set('Authorization', bearer).expect(200)).body as OrderAdminView).attribution;
    const touch = (link: ShareLinkView, campaign: CampaignView, at: Date | null) => ({
      code: link.code,
      at: at?.toISOString(),
      channel: link.channel,
      campaignId: campaign.id,
      campaignName: campaign.name,
    });
    expect(await attribution(firstThenLast)).toEqual({
      lastTouch: touch(instagram, harkitnas, firstThenLast.last_touch_at),
      firstTouch: touch(whatsapp, ramadan, firstThenLast.first_touch_at),
    });
    expect(await attribution(untouched)).toEqual({ lastTouch: null, firstTouch: null });

    // The facility that ships it sees where it came from too; another facility's admin still cannot see the order.
    const shipper = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: data.banjarmasin });
    expect((await attribution(onlyWhatsapp, shipper.bearer)).lastTouch).toMatchObject({ campaignName: 'Ramadan berkah', channel: 'WHATSAPP' });
    const stranger = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: data.batam });
    await request(t.http).get(`/api/v1/admin/orders/${onlyWhatsapp.id}`).set('Authorization', stranger.bearer).expect(404);

    // Deleting the campaign deletes its links; the orders keep the code and time, without a campaign.
    await request(t.http).delete(`${CAMPAIGNS}/${ramadan.id}`).set('Authorization', national).expect(204);
    const gone = { code: whatsapp.code, channel: null, campaignId: null, campaignName: null };
    expect(await attribution(firstThenLast)).toEqual({
      lastTouch: touch(instagram, harkitnas, firstThenLast.last_touch_at),
      firstTouch: { ...gone, at: firstThenLast.first_touch_at?.toISOString() },
    });
    expect(await attribution(onlyWhatsapp)).toEqual({
      lastTouch: { ...gone, at: onlyWhatsapp.last_touch_at?.toISOString() },
      firstTouch: { ...gone, at: onlyWhatsapp.first_touch_at?.toISOString() },
    });
  });
});
