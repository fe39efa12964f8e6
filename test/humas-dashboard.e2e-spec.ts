import ExcelJS from 'exceljs';
import request from 'supertest';
import type { Product } from '../src/catalog/product.entity';
import type { Facility } from '../src/facilities/facility.entity';
import type { CampaignView, ShareLinkView } from '../src/humas/campaigns/campaign.views';
import { ordersSql } from '../src/humas/dashboard/dashboard.queries';
import type { HumasDashboardView } from '../src/humas/dashboard/dashboard.views';
import type { HumasMonthlyReportView } from '../src/humas/dashboard/monthly-report.views';
import { rankByScore } from '../src/humas/dashboard/ranking-score';
import type { HumasRankingView } from '../src/humas/dashboard/ranking.views';
import { LinkClickCounter } from '../src/humas/links/link-click-counter.service';
import { VisitCounter } from '../src/humas/visits/visit-counter.service';
import type { VisitPageKind } from '../src/humas/visits/visit-buffer';
import { addDays, VisitClock } from '../src/humas/visits/visit-day';
import { Story } from '../src/stories/story.entity';
import type { StoryStatus } from '../src/stories/story.types';
import { makeProduct } from './support/catalog-factories';
import { parseCsv, startsLikeFormula } from './support/csv-parse';
import { makeFacility, signedInAs } from './support/factories';
import { placeOrder } from './support/order-factories';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(240_000);

const SITE = 'https://etalase.example.id';
const API = '/api/v1/admin/humas';
const MONTH = '2026-11';
const DAYS = Array.from({ length: 30 }, (_, i) => addDays('2026-11-01', i));
const BROWSERS = [
  'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
];
const BOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const FORMULA_NAME = '=HYPERLINK("http://x.example","klik") Lapas';
/** 12:00 WIB of a day, or another WIB hour. */
const wib = (day: string, hour = 12, minute = 0): Date => new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), hour - 7, minute));

function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function pick<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

interface Page {
  kind: VisitPageKind;
  key: string;
  scopes: string[];
}

describe('humas dashboard, ranking and monthly report: a simulated month', () => {
  let t: TestApp;
  let now = wib('2026-11-01');
  let a: Facility; // Kalsel, the busiest
  let b: Facility; // Kalsel
  let d: Facility; // Kalsel, one visitor on two days; a name a spreadsheet would run
  let c: Facility; // Kepri
  let pA1: Product;
  let pB1: Product;
  let pC1: Product;
  let national: string;
  let kalselAdmin: string;
  let kepriAdmin: string;
  let aAdmin: string;
  const links = new Map<string, ShareLinkView>();
  const campaigns = new Map<string, CampaignView>();
  /** `${day}|${scope}` -> views and the visitors seen. */
  const truth = new Map<string, { views: number; visitors: Set<string> }>();
  const clickTruth = new Map<string, number>();
  let bots = 0;

  const views = (scope: string): number => [...truth.entries()].filter(([key]) => key.endsWith(`|${scope}`)).reduce((sum, [, e]) => sum + e.views, 0);
  const uniquesSummed = (scope: string): number => [...truth.entries()].filter(([key]) => key.endsWith(`|${scope}`)).reduce((sum, [, e]) => sum + e.visitors.size, 0);
  const clicks = (names: string[]): number => [...clickTruth.entries()].filter(([key]) => names.includes(key.split(':')[0] ?? '')).reduce((sum, [, n]) => sum + n, 0);

  async function story(facility: Facility, status: StoryStatus, publishedAt: Date | null): Promise<Story> {
    const repository = t.dataSource.getRepository(Story);
    return repository.save(
      repository.create({
        slug: `berita-${Math.random().toString(36).slice(2, 10)}`,
        facilityId: facility.id,
        status,
        title: 'Kegiatan pembinaan',
        excerpt: 'Kegiatan hari ini.',
        markdown: 'Kegiatan hari ini.',
        html: '<p>Kegiatan hari ini.</p>',
        readingMinutes: 1,
        tags: [],
        program: null,
        featuresIndividual: false,
        consentId: null,
        coverHash: null,
        coverWidth: null,
        coverHeight: null,
        coverAlt: '',
        revision: null,
        rejectionReason: null,
        authorId: null,
        publishedAt,
      }),
    );
  }

  async function audit(action: string, of: Story, facility: Facility, at: Date): Promise<void> {
    await t.dataSource.query(`INSERT INTO audit_event (action, entity_type, entity_id, facility_id, kanwil_id, created_at) VALUES ($1, 'story', $2, $3, $4, $5)`, [action, of.id, facility.id, facility.kanwilId, at]);
  }

  /** An order through the real checkout, then dated, paid and attributed as the simulation says. */
  async function order(lines: { product: Product; quantity: number }[], placed: Date, paid: Date | null, last: string | null, first: string | null): Promise<string> {
    const created = await placeOrder(t.http, lines);
    const code = (name: string | null): string | null => (name === null ? null : (links.get(name)?.code ?? null));
    await t.dataSource.query(
      `UPDATE shop_order SET created_at = $2, paid_at = $3, status = CASE WHEN $3::timestamptz IS NULL THEN status ELSE 'PAID' END,
              last_touch_code = $4, last_touch_at = $2, first_touch_code = $5, first_touch_at = $2 WHERE id = $1`,
      [created.id, placed, paid, code(last), code(first)],
    );
    return created.id;
  }

  async function get<T>(path: string, bearer: string, query: Record<string, string> = {}, status = 200): Promise<T> {
    const response = await request(t.http).get(`${API}/${path}`).query(query).set('Authorization', bearer);
    expect({ path, status: response.status }).toEqual({ path, status });
    return response.body as T;
  }

  beforeAll(async () => {
    t = await startTestApp({ WEB_BASE_URL: SITE, TRUST_PROXY: 'true' });
    jest.spyOn(t.app.get(VisitClock), 'now').mockImplementation(() => now);
    a = await makeFacility(t.dataSource, { name: 'Lapas Banjarmasin' });
    b = await makeFacility(t.dataSource, { name: 'Lapas Martapura' });
    d = await makeFacility(t.dataSource, { name: FORMULA_NAME });
    await makeFacility(t.dataSource, { name: 'Lapas Tutup', active: false });
    c = await makeFacility(t.dataSource, { name: 'Lapas Batam', provinceCode: '21', city: 'Batam' });
    expect(a.kanwilId).toBe(d.kanwilId);
    expect(c.kanwilId).not.toBe(a.kanwilId);

    // Listings: A one in November (and one in October, and one deleted), B one, C two, D none.
    pA1 = await makeProduct(t.dataSource, a, { price: 100_000, stock: 50, publishedAt: wib('2026-11-03') });
    await makeProduct(t.dataSource, a, { publishedAt: wib('2026-10-20') });
    await makeProduct(t.dataSource, a, { publishedAt: wib('2026-11-20'), deletedAt: wib('2026-11-21'), status: 'ARCHIVED' });
    pB1 = await makeProduct(t.dataSource, b, { price: 60_000, stock: 50, publishedAt: wib('2026-11-15') });
    pC1 = await makeProduct(t.dataSource, c, { price: 45_000, stock: 50, publishedAt: wib('2026-11-05') });
    await makeProduct(t.dataSource, c, { publishedAt: wib('2026-11-06', 0, 30) });
    const pD1 = await makeProduct(t.dataSource, d, { publishedAt: wib('2026-09-01') });

    // Stories: A one a day on days 1-20 and two more on day 5; B days 1-6 (one archived since);
    // C days 1-10, one at 00:30 WIB on 1 November (still October in UTC), one at 00:30 WIB on
    // 1 December (not November), a draft.
    for (const day of DAYS.slice(0, 20)) await story(a, 'PUBLISHED', wib(day, 9));
    await story(a, 'PUBLISHED', wib(DAYS[4] ?? '', 14));
    await story(a, 'PUBLISHED', wib(DAYS[4] ?? '', 15));
    for (const [i, day] of DAYS.slice(0, 6).entries()) await story(b, i === 0 ? 'ARCHIVED' : 'PUBLISHED', wib(day, 10));
    for (const day of DAYS.slice(0, 10)) await story(c, 'PUBLISHED', wib(day, 11));
    await story(c, 'PUBLISHED', wib('2026-11-01', 0, 30));
    await story(c, 'PUBLISHED', wib('2026-12-01', 0, 30));
    await story(c, 'DRAFT', null);

    // Review turnaround: A 2, 5, 30 h and 3 h after a second submission; B 10 h; one approval in October.
    const reviewed = await Promise.all([story(a, 'PUBLISHED', null), story(a, 'PUBLISHED', null), story(a, 'PUBLISHED', null), story(a, 'PUBLISHED', null), story(b, 'PUBLISHED', null), story(c, 'PUBLISHED', null)]);
    const [r1, r2, r3, r4, r5, r6] = reviewed;
    for (const [s, facility, submitted, hours] of [
      [r1, a, wib('2026-11-02', 8), 2],
      [r2, a, wib('2026-11-03', 8), 5],
      [r3, a, wib('2026-11-04', 8), 30],
      [r5, b, wib('2026-11-06', 8), 10],
      [r6, c, wib('2026-10-30', 8), 1],
    ] as const) {
      await audit('story.submit', s, facility, submitted);
      await audit('story.approve', s, facility, new Date(submitted.getTime() + hours * 3_600_000));
    }
    await audit('story.submit', r4, a, wib('2026-11-10', 8));
    await audit('story.reject', r4, a, wib('2026-11-10', 9));
    await audit('story.submit', r4, a, wib('2026-11-11', 8));
    await audit('story.approve', r4, a, wib('2026-11-11', 11));

    national = (await signedInAs(t.http, t.dataSource, 'SUPERADMIN')).bearer;
    kalselAdmin = (await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: a.kanwilId })).bearer;
    kepriAdmin = (await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: c.kanwilId })).bearer;
    aAdmin = (await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: a })).bearer;

    // Three campaigns (a facility's, a Kanwil's, the nation's) over four channels.
    const campaign = async (name: string, bearer: string, channels: [string, Record<string, unknown>][]): Promise<void> => {
      const made = (await request(t.http).post(`${API}/campaigns`).set('Authorization', bearer).send({ name, startsOn: '2026-11-01', endsOn: '2026-11-30', goal: 'ORDERS' }).expect(201)).body as CampaignView;
      campaigns.set(name, made);
      for (const [channel, target] of channels) {
        const link = (await request(t.http).post(`${API}/campaigns/${made.id}/links`).set('Authorization', bearer).send({ channel, ...target }).expect(201)).body as ShareLinkView;
        links.set(`${name}:${channel}`, link);
      }
    };
    await campaign('Gelar Karya Banjarmasin', aAdmin, [['WHATSAPP', { targetKind: 'PRODUCT', targetId: pA1.id }], ['INSTAGRAM', { targetKind: 'HOME' }]]);
    await campaign('Pameran Kanwil Kalsel', kalselAdmin, [['FACEBOOK', { targetKind: 'PRODUCT', targetId: pB1.id }], ['PRINT', { targetKind: 'HOME' }]]);
    await campaign('Hari Bakti Nasional', national, [['WHATSAPP', { targetKind: 'HOME' }], ['INSTAGRAM', { targetKind: 'PRODUCT', targetId: pC1.id }]]);

    // The month, day by day, through the real counters: page views (bots among them) and share clicks.
    const counter = t.app.get(VisitCounter);
    const clickCounter = t.app.get(LinkClickCounter);
    const own = (facility: Facility): string[] => [`facility:${facility.id}`, `kanwil:${facility.kanwilId}`];
    const pages: Page[] = [
      { kind: 'home', key: '', scopes: [] },
      { kind: 'product', key: pA1.slug, scopes: own(a) },
      { kind: 'product', key: pB1.slug, scopes: own(b) },
      { kind: 'product', key: pC1.slug, scopes: own(c) },
    ];
    const random = prng(17);
    const record = (day: string, visitor: number, page: Page, userAgent: string): void => {
      const ip = `203.0.113.${visitor}`;
      counter.record({ method: 'GET', status: 200, userAgent, headers: {}, kind: page.kind, key: page.key, url: `/x?v=${visitor}`, referer: visitor % 3 === 0 ? 'https://l.instagram.com/' : undefined, ip, host: 'etalase.example.id' });
      if (userAgent === BOT) return;
      for (const scope of ['nation', ...page.scopes]) {
        const entry = truth.get(`${day}|${scope}`) ?? { views: 0, visitors: new Set<string>() };
        entry.views += 1;
        entry.visitors.add(`${ip}|${userAgent}`);
        truth.set(`${day}|${scope}`, entry);
      }
    };
    for (const [n, day] of DAYS.entries()) {
      now = wib(day);
      // 25 of 60 regular visitors a day, a window that moves two a day: most come back on later days.
      for (let i = 0; i < 25; i += 1) {
        const visitor = (n * 2 + i) % 60;
        for (let v = 0; v < 4; v += 1) record(day, visitor, pick(pages, Math.floor(random() * pages.length)), BROWSERS[visitor % 2] ?? '');
      }
      for (let i = 0; i < 10; i += 1) {
        record(day, 200 + i, pick(pages, i % pages.length), BOT);
        bots += 1;
      }
      // D's only visitor, on two days, five pages each.
      if (day === '2026-11-03' || day === '2026-11-04') for (let v = 0; v < 5; v += 1) record(day, 250, { kind: 'product', key: pD1.slug, scopes: own(d) }, BROWSERS[0] ?? '');
      if (n % 7 === 1) {
        for (const [name, link] of links) {
          const people = 1 + ((n + name.length) % 4);
          for (let k = 0; k < people; k += 1) await request(t.http).get(`/s/${link.code}`).set('X-Forwarded-For', `198.51.100.${k}`).set('User-Agent', BROWSERS[k % 2] ?? '').expect(302);
          await request(t.http).get(`/s/${link.code}`).set('X-Forwarded-For', '198.51.100.99').set('User-Agent', BOT).expect(302);
          clickTruth.set(name, (clickTruth.get(name) ?? 0) + people);
        }
      }
      await counter.flush();
      await clickCounter.flush();
    }
    expect(views('nation') + bots).toBeGreaterThan(3_000);

    // Orders through the links (touch codes as checkout stores them), dated into the month.
    await order([{ product: pA1, quantity: 1 }], wib('2026-11-03', 10), wib('2026-11-03', 11), 'Gelar Karya Banjarmasin:WHATSAPP', 'Hari Bakti Nasional:WHATSAPP');
    const o2 = await order(
      [
        { product: pA1, quantity: 2 },
        { product: pC1, quantity: 1 },
      ],
      wib('2026-11-09', 20),
      wib('2026-11-10', 8),
      'Hari Bakti Nasional:INSTAGRAM',
      'Gelar Karya Banjarmasin:INSTAGRAM',
    );
    await t.dataSource.query('UPDATE order_item SET refunded_quantity = 1 WHERE order_id = $1 AND product_id = $2', [o2, pA1.id]);
    await order([{ product: pB1, quantity: 1 }], wib('2026-11-16', 9), null, 'Pameran Kanwil Kalsel:FACEBOOK', 'Pameran Kanwil Kalsel:FACEBOOK');
    await order([{ product: pC1, quantity: 1 }], wib('2026-11-20', 9), wib('2026-11-20', 10), null, null);
    await order([{ product: pB1, quantity: 1 }], wib('2026-10-31', 12), wib('2026-11-01', 9), 'Pameran Kanwil Kalsel:PRINT', 'Pameran Kanwil Kalsel:PRINT');
    await order([{ product: pA1, quantity: 1 }], wib('2026-11-30', 23, 30), null, null, 'Gelar Karya Banjarmasin:WHATSAPP');
    // An order of December, out of the month.
    await order([{ product: pA1, quantity: 1 }], wib('2026-12-01', 0, 30), wib('2026-12-01', 1), 'Gelar Karya Banjarmasin:WHATSAPP', null);

    now = wib('2026-12-03');
  });

  afterAll(async () => {
    await t?.close();
  });

  const month = { from: '2026-11-01', to: '2026-11-30' };

  it('gives the nation exactly the known truth of the month', async () => {
    const nation = await get<HumasDashboardView>('dashboard', national, month);
    expect(nation.scope).toEqual({ kind: 'nation', id: null, name: 'Nasional' });
    expect({ units: nation.units, days: nation.days }).toEqual({ units: 4, days: 30 });
    expect(nation.odon).toEqual({ published: 22 + 6 + 11, target: 120, attainment: 0.325, unitDaysCovered: 20 + 6 + 10 });
    expect(nation.visits.views).toBe(views('nation'));
    expect(nation.visits.dailyUniqueVisitorsSummed).toBe(uniquesSummed('nation'));
    expect(Object.values(nation.visits.viewsBySource).reduce((x, y) => x + y, 0)).toBe(views('nation'));
    expect(nation.shareClicks.total).toBe(clicks([...campaigns.keys()]));
    expect(nation.shareClicks.byChannel).toEqual({
      WHATSAPP: (clickTruth.get('Gelar Karya Banjarmasin:WHATSAPP') ?? 0) + (clickTruth.get('Hari Bakti Nasional:WHATSAPP') ?? 0),
      INSTAGRAM: (clickTruth.get('Gelar Karya Banjarmasin:INSTAGRAM') ?? 0) + (clickTruth.get('Hari Bakti Nasional:INSTAGRAM') ?? 0),
      FACEBOOK: clickTruth.get('Pameran Kanwil Kalsel:FACEBOOK'),
      PRINT: clickTruth.get('Pameran Kanwil Kalsel:PRINT'),
      TIKTOK: 0,
      X: 0,
    });
    const id = (name: string): string => campaigns.get(name)?.id ?? '';
    expect(nation.orders).toEqual({
      touch: 'last',
      orders: 5,
      paidOrders: 4,
      paidRevenue: 100_000 + 100_000 + 45_000 + 45_000 + 60_000,
      conversion: Math.round((5 / views('nation')) * 10_000) / 10_000,
      currency: 'IDR',
      byCampaign: [
        { campaignId: id('Hari Bakti Nasional'), campaignName: 'Hari Bakti Nasional', orders: 1, paidOrders: 1, paidRevenue: 145_000 },
        { campaignId: id('Gelar Karya Banjarmasin'), campaignName: 'Gelar Karya Banjarmasin', orders: 1, paidOrders: 1, paidRevenue: 100_000 },
        { campaignId: id('Pameran Kanwil Kalsel'), campaignName: 'Pameran Kanwil Kalsel', orders: 1, paidOrders: 1, paidRevenue: 60_000 },
      ],
      bySource: [
        { source: 'WHATSAPP', orders: 1, paidOrders: 1, paidRevenue: 100_000 },
        { source: 'INSTAGRAM', orders: 1, paidOrders: 1, paidRevenue: 145_000 },
        { source: 'FACEBOOK', orders: 1, paidOrders: 0, paidRevenue: 0 },
        { source: 'TIKTOK', orders: 0, paidOrders: 0, paidRevenue: 0 },
        { source: 'X', orders: 0, paidOrders: 0, paidRevenue: 0 },
        { source: 'PRINT', orders: 0, paidOrders: 1, paidRevenue: 60_000 },
        { source: 'NONE', orders: 2, paidOrders: 1, paidRevenue: 45_000 },
        { source: 'REMOVED_LINK', orders: 0, paidOrders: 0, paidRevenue: 0 },
      ],
    });
    expect(nation.productsNewlyListed).toBe(4);
    expect(nation.stories).toEqual({ published: 39, reviewed: 5, medianReviewHours: 5 });

    // Trends: ISO weeks (1 November is a Sunday) and the month, adding up to the totals.
    expect(nation.trends.weekly.map((w) => [w.period, w.from, w.to])).toEqual([
      ['2026-10-26', '2026-11-01', '2026-11-01'],
      ['2026-11-02', '2026-11-02', '2026-11-08'],
      ['2026-11-09', '2026-11-09', '2026-11-15'],
      ['2026-11-16', '2026-11-16', '2026-11-22'],
      ['2026-11-23', '2026-11-23', '2026-11-29'],
      ['2026-11-30', '2026-11-30', '2026-11-30'],
    ]);
    expect(nation.trends.weekly[0]).toMatchObject({ storiesPublished: 1 + 1 + 1 + 1, odonTarget: 4, paidOrders: 1, paidRevenue: 60_000 });
    expect(nation.trends.weekly[5]).toMatchObject({ orders: 1, paidOrders: 0, storiesPublished: 0 });
    for (const key of ['views', 'dailyUniqueVisitorsSummed', 'clicks', 'orders', 'paidRevenue', 'storiesPublished', 'productsNewlyListed'] as const) {
      expect(nation.trends.weekly.reduce((sum, w) => sum + w[key], 0)).toBe(nation.trends.monthly[0]?.[key]);
    }
    expect(nation.trends.monthly).toHaveLength(1);
    expect(nation.trends.monthly[0]).toMatchObject({ period: MONTH, views: views('nation'), orders: 5, paidRevenue: 350_000, odonTarget: 120 });

    // First touch as the second view.
    const first = await get<HumasDashboardView>('dashboard', national, { ...month, touch: 'first' });
    expect(first.orders.byCampaign.map((row) => [row.campaignName, row.orders, row.paidOrders, row.paidRevenue])).toEqual([
      ['Gelar Karya Banjarmasin', 2, 1, 145_000],
      ['Hari Bakti Nasional', 1, 1, 100_000],
      ['Pameran Kanwil Kalsel', 1, 1, 60_000],
    ]);
    expect(first.orders.orders).toBe(5);
  });

  it('counts a visitor on two days as two daily uniques, and gives each facility and Kanwil its own numbers', async () => {
    const onlyVisitor = await get<HumasDashboardView>('dashboard', national, { ...month, facilityId: d.id });
    expect(onlyVisitor.visits).toMatchObject({ views: 10, dailyUniqueVisitorsSummed: 2 });
    expect(onlyVisitor.odon).toEqual({ published: 0, target: 30, attainment: 0, unitDaysCovered: 0 });

    const kalsel = await get<HumasDashboardView>('dashboard', kalselAdmin, month);
    expect(kalsel.scope).toMatchObject({ kind: 'kanwil', id: a.kanwilId });
    expect(kalsel.units).toBe(3); // the inactive facility is no unit
    expect(kalsel.odon).toEqual({ published: 28, target: 90, attainment: 0.3111, unitDaysCovered: 26 });
    expect(kalsel.visits.views).toBe(views(`kanwil:${a.kanwilId}`));
    expect(kalsel.visits.dailyUniqueVisitorsSummed).toBe(uniquesSummed(`kanwil:${a.kanwilId}`));
    expect(kalsel.shareClicks.total).toBe(clicks(['Gelar Karya Banjarmasin', 'Pameran Kanwil Kalsel']));
    expect(kalsel.orders).toMatchObject({ orders: 4, paidOrders: 3, paidRevenue: 100_000 + 100_000 + 60_000 });
    expect(kalsel.productsNewlyListed).toBe(2);
    expect(kalsel.stories).toEqual({ published: 28, reviewed: 5, medianReviewHours: 5 });

    // A facility admin: its own facility by default; its Kanwil or another facility are outside.
    const own = await get<HumasDashboardView>('dashboard', aAdmin, month);
    expect(own.scope).toEqual({ kind: 'facility', id: a.id, name: 'Lapas Banjarmasin' });
    expect(own.odon).toEqual({ published: 22, target: 30, attainment: 0.7333, unitDaysCovered: 20 });
    expect(own.visits.views).toBe(views(`facility:${a.id}`));
    expect(own.visits.dailyUniqueVisitorsSummed).toBe(uniquesSummed(`facility:${a.id}`));
    expect(own.shareClicks.total).toBe(clicks(['Gelar Karya Banjarmasin']));
    expect(own.orders).toMatchObject({
      orders: 3,
      paidOrders: 2,
      paidRevenue: 200_000,
      byCampaign: [
        { campaignId: campaigns.get('Gelar Karya Banjarmasin')?.id, campaignName: 'Gelar Karya Banjarmasin', orders: 1, paidOrders: 1, paidRevenue: 100_000 },
        { campaignId: campaigns.get('Hari Bakti Nasional')?.id, campaignName: 'Hari Bakti Nasional', orders: 1, paidOrders: 1, paidRevenue: 100_000 },
      ],
    });
    expect(own.productsNewlyListed).toBe(1);
    expect(own.stories).toEqual({ published: 22, reviewed: 4, medianReviewHours: 4 });
    await get('dashboard', aAdmin, { ...month, facilityId: b.id }, 404);
    await get('dashboard', aAdmin, { ...month, kanwilId: a.kanwilId }, 404);
    await get('dashboard', kalselAdmin, { ...month, facilityId: c.id }, 404);
    await get('dashboard', kalselAdmin, { ...month, kanwilId: c.kanwilId }, 404);
    await get('dashboard', kepriAdmin, { ...month, facilityId: a.id }, 404);
    expect((await get<HumasDashboardView>('dashboard', kalselAdmin, { ...month, facilityId: b.id })).scope.name).toBe('Lapas Martapura');

    await get('dashboard', national, { from: '2026-11-30', to: '2026-11-01' }, 400);
    await get('dashboard', national, { ...month, touch: 'middle' }, 400);
    await get('dashboard', national, { ...month, facilityId: a.id, kanwilId: a.kanwilId }, 400);
  });

  it('has deleted the salts and visitor hashes of the month 48 hours on; the counts stay', async () => {
    await t.app.get(VisitCounter).sweep();
    const left = await t.dataSource.query<{ salts: number; hashes: number }[]>(
      `SELECT (SELECT count(*)::int FROM visit_salt WHERE day < '2026-12-02') AS salts, (SELECT count(*)::int FROM visitor_day WHERE day < '2026-12-02') AS hashes`,
    );
    expect(left).toEqual([{ salts: 0, hashes: 0 }]);
    expect((await get<HumasDashboardView>('dashboard', national, month)).visits.dailyUniqueVisitorsSummed).toBe(uniquesSummed('nation'));
  });

  it('reads paid orders of a period through shop_order_paid_idx', async () => {
    const plan = await t.dataSource.transaction(async (em) => {
      await em.query('SET LOCAL enable_seqscan = off');
      return em.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${ordersSql('true', 'last_touch_code')}`, ['2026-11-01', '2026-11-30']);
    });
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toContain('shop_order_paid_idx');
    expect(text).toContain('shop_order_created_idx');
  });

  it('ranks regional offices and facilities on the composite score, each office seeing its own place', async () => {
    const kanwils = await get<HumasRankingView>('ranking', national, { period: MONTH });
    expect(kanwils).toMatchObject({ period: MONTH, from: '2026-11-01', to: '2026-11-30', level: 'kanwil', total: 2, scoreWeights: { odon: 40, uniqueVisitors: 20, orders: 20, newListings: 20 } });
    const kalselRow = { id: a.kanwilId, units: 3, storiesPublished: 28, odonTarget: 90, odonAttainment: 0.3111, dailyUniqueVisitorsSummed: uniquesSummed(`kanwil:${a.kanwilId}`), orders: 4, productsNewlyListed: 2 };
    const kepriRow = { id: c.kanwilId, units: 1, storiesPublished: 11, odonTarget: 30, odonAttainment: 0.3667, dailyUniqueVisitorsSummed: uniquesSummed(`kanwil:${c.kanwilId}`), orders: 2, productsNewlyListed: 2 };
    const expected = rankByScore(
      [kalselRow, kepriRow].map((row) => ({ id: row.id, name: row.id, odonAttainment: row.odonAttainment, uniqueVisitors: row.dailyUniqueVisitorsSummed, orders: row.orders, newListings: row.productsNewlyListed })),
    );
    for (const row of [kalselRow, kepriRow]) {
      const scored = expected.find((entry) => entry.id === row.id);
      expect(kanwils.entries.find((entry) => entry.id === row.id)).toMatchObject({ ...row, score: scored?.score, rank: scored?.rank });
    }
    expect(kanwils.entries.map((entry) => entry.rank)).toEqual([1, 2]);

    const kalselOwn = await get<HumasRankingView>('ranking', kalselAdmin, { period: MONTH });
    expect(kalselOwn.total).toBe(2);
    expect(kalselOwn.entries.map((entry) => entry.id)).toEqual([a.kanwilId]);

    const facilities = await get<HumasRankingView>('ranking', kalselAdmin, { period: MONTH, level: 'facility' });
    expect(facilities).toMatchObject({ level: 'facility', kanwilId: a.kanwilId, total: 3 });
    expect(facilities.entries[0]).toMatchObject({ id: a.id, rank: 1, storiesPublished: 22, odonTarget: 30, orders: 3, productsNewlyListed: 1 });
    expect(facilities.entries.map((entry) => entry.id).sort()).toEqual([a.id, b.id, d.id].sort());

    const place = await get<HumasRankingView>('ranking', aAdmin, { period: MONTH, level: 'facility' });
    expect(place.total).toBe(3);
    expect(place.entries).toEqual([facilities.entries[0]]);
    await get('ranking', aAdmin, { period: MONTH }, 403);
    await get('ranking', aAdmin, { period: MONTH, level: 'facility', kanwilId: c.kanwilId }, 404);
    await get('ranking', kalselAdmin, { period: MONTH, level: 'facility', kanwilId: c.kanwilId }, 404);
    const nationalFacilities = await get<HumasRankingView>('ranking', national, { period: MONTH, level: 'facility' });
    expect(nationalFacilities).toMatchObject({ kanwilId: null, total: 4 });
    await get('ranking', national, { period: '2026-13' }, 400);
    await get('ranking', national, { period: '2027-01' }, 400);
    await get('ranking', national, { period: MONTH, kanwilId: a.kanwilId }, 400);
  });

  it("writes a regional office's monthly report as JSON, A4 HTML, PDF, CSV and XLSX", async () => {
    const report = await get<HumasMonthlyReportView>('reports/monthly', kalselAdmin, { month: MONTH });
    expect(report.kanwil.id).toBe(a.kanwilId);
    expect(report.nationalPlace).toMatchObject({ total: 2 });
    expect(report.summary.odon.published).toBe(28);
    expect(report.facilities).toHaveLength(3);

    const html = await request(t.http).get(`${API}/reports/monthly`).query({ month: MONTH, format: 'html' }).set('Authorization', kalselAdmin).expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.text).toContain('@page { size: A4');
    expect(html.text).toContain(`Kepala Kantor Wilayah ${report.kanwil.name}`);
    expect(html.text).toContain('NIP');
    expect(html.text).toContain('=HYPERLINK(&#34;http://x.example&#34;');
    expect(html.text).not.toContain('<script');

    const pdf = await request(t.http)
      .get(`${API}/reports/monthly`)
      .query({ month: MONTH, format: 'pdf' })
      .set('Authorization', kalselAdmin)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((pdf.body as Buffer).length).toBeGreaterThan(1_000);

    const csv = await request(t.http).get(`${API}/reports/monthly`).query({ month: MONTH, format: 'csv' }).set('Authorization', kalselAdmin).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv.text.slice(1), ',');
    expect(rows[0]).toEqual(['rank', 'facility', 'score', 'storiesPublished', 'odonTarget', 'odonAttainmentPercent', 'dailyUniqueVisitorsSummed', 'orders', 'productsNewlyListed']);
    expect(rows).toHaveLength(1 + 3 + 1);
    for (const cell of rows.flat()) expect(startsLikeFormula(cell)).toBe(false);
    expect(rows.some((row) => row[1] === `'${FORMULA_NAME}`)).toBe(true);
    expect(rows[4]?.slice(1, 5)).toEqual(['TOTAL', '', '28', '90']);

    const xlsx = await request(t.http)
      .get(`${API}/reports/monthly`)
      .query({ month: MONTH, format: 'xlsx' })
      .set('Authorization', kalselAdmin)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const sheet = workbook.getWorksheet('Humas');
    expect(sheet?.rowCount).toBe(1 + 3 + 1);
    expect(sheet?.getRow(5).getCell(4).value).toBe(28);
    expect(workbook.getWorksheet('About')?.getRow(1).values).toEqual([undefined, 'kanwil', report.kanwil.name]);

    // Scope: a facility may not (403), another region cannot see it (404), national staff must name one.
    await get('reports/monthly', aAdmin, { month: MONTH }, 403);
    await get('reports/monthly', kepriAdmin, { month: MONTH, kanwilId: a.kanwilId }, 404);
    await get('reports/monthly', national, { month: MONTH }, 400);
    await get('reports/monthly', national, { month: MONTH, kanwilId: a.kanwilId, format: 'docx' }, 400);
    expect((await get<HumasMonthlyReportView>('reports/monthly', national, { month: MONTH, kanwilId: c.kanwilId })).kanwil.id).toBe(c.kanwilId);
  });
});
