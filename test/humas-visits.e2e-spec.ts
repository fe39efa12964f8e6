import request from 'supertest';
import { PROGRAMS } from '../src/catalog/catalog.types';
import type { Facility } from '../src/facilities/facility.entity';
import { FLUSH_CHUNK_ROWS, VisitCounter } from '../src/humas/visits/visit-counter.service';
import { FLUSH_VIEWS_SQL, FLUSH_VISITORS_SQL } from '../src/humas/visits/visit.queries';
import { VisitClock } from '../src/humas/visits/visit-day';
import type { VisitsReportView } from '../src/humas/visits/visits.views';
import type { VisitSource } from '../src/humas/visits/referrer-source';
import { programmeSlug } from '../src/showcase/programmes';
import { kanwilId, signedInAs } from './support/factories';
import { makeShowcaseData } from './support/showcase-fixtures';
import { startTestApp, startTestAppOn, type TestApp } from './support/test-app';

jest.setTimeout(240_000);

const SITE = 'https://etalase.example.id';
const VISITS = '/api/v1/admin/humas/visits';
const DAYS = ['2026-11-02', '2026-11-03', '2026-11-04'] as const;

const BROWSERS = [
  'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 12; Redmi Note 11; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.193 Mobile Safari/537.36 Instagram 312.0.0.32.112 Android',
];
const BOTS = [
  'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.129 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'WhatsApp/2.23.20.0 A',
];
/** How visitors arrive, and what the counter must make of it. */
const ARRIVALS: readonly { referer?: string; query: string; source: VisitSource }[] = [
  { query: '', source: 'DIRECT' },
  { query: '?utm_source=whatsapp', source: 'WHATSAPP' },
  { referer: 'https://l.instagram.com/', query: '', source: 'INSTAGRAM' },
  { referer: 'https://m.facebook.com/', query: '', source: 'FACEBOOK' },
  { referer: 'https://www.google.co.id/', query: '', source: 'GOOGLE' },
  { referer: `${SITE}/`, query: '', source: 'INTERNAL' },
  { query: '?k=hut-ri-81', source: 'CAMPAIGN' },
];

/** A small seeded generator: the same "random" month on every run. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

interface Page {
  path: string;
  /** Scopes the page counts for besides the nation. */
  scopes: string[];
}

type Truth = Map<string, { views: number; bySource: Map<VisitSource, number>; visitors: Set<string> }>;

function tally(truth: Truth, day: string, scope: string, source: VisitSource, visitor: string): void {
  const key = `${day}|${scope}`;
  const entry = truth.get(key) ?? { views: 0, bySource: new Map(), visitors: new Set() };
  entry.views += 1;
  entry.bySource.set(source, (entry.bySource.get(source) ?? 0) + 1);
  entry.visitors.add(visitor);
  truth.set(key, entry);
}

describe('humas visits: counting without tracking', () => {
  let t: TestApp;
  let now = new Date(`${DAYS[0]}T05:00:00Z`);
  let pages: Page[];
  let banjarmasin: Facility;
  let batam: Facility;
  let kalselId: string;
  let kepriId: string;
  let sasiranganSlug: string;
  const truth: Truth = new Map();
  let excluded = 0;

  const atNoonOf = (day: string): Date => new Date(`${day}T05:00:00Z`); // 12:00 WIB

  beforeAll(async () => {
    t = await startTestApp({ WEB_BASE_URL: SITE, TRUST_PROXY: 'true' });
    jest.spyOn(t.app.get(VisitClock), 'now').mockImplementation(() => now);
    const data = await makeShowcaseData(t.app, t.dataSource);
    banjarmasin = data.banjarmasin;
    sasiranganSlug = data.sasirangan.slug;
    batam = data.batam;
    kalselId = banjarmasin.kanwilId;
    kepriId = batam.kanwilId;
    expect(kalselId).not.toBe(kepriId);
    const batamProduct = data.products.find((product) => product.facilityId === batam.id);
    if (!batamProduct) throw new Error('fixture has no Batam product');
    const own = (facility: Facility): string[] => [`facility:${facility.id}`, `kanwil:${facility.kanwilId}`];
    pages = [
      { path: '/', scopes: [] },
      { path: '/en', scopes: [] },
      { path: '/cari?q=kain', scopes: [] },
      { path: `/program/${programmeSlug(PROGRAMS[0])}`, scopes: [] },
      { path: `/produk/${data.sasirangan.slug}`, scopes: own(banjarmasin) },
      { path: `/en/products/${data.sasirangan.slug}`, scopes: own(banjarmasin) },
      { path: `/cerita/${data.story.slug}`, scopes: own(banjarmasin) },
      { path: `/unit/${banjarmasin.slug}`, scopes: own(banjarmasin) },
      { path: `/produk/${batamProduct.slug}`, scopes: own(batam) },
      { path: `/unit/${batam.slug}`, scopes: own(batam) },
    ];
  });
  afterAll(async () => {
    await t?.close();
  });

  /** One request; tallies it in the truth when a person saw a page. */
  async function visit(app: TestApp, day: string, visitor: number, page: Page, arrival: (typeof ARRIVALS)[number]): Promise<void> {
    const ip = `198.51.${Math.floor(visitor / 200)}.${visitor % 200}`;
    const userAgent = BROWSERS[visitor % BROWSERS.length] ?? '';
    const separator = page.path.includes('?') ? '&' : '?';
    const path = arrival.query === '' ? page.path : `${page.path}${separator}${arrival.query.slice(1)}`;
    const call = request(app.http).get(path).set('X-Forwarded-For', ip).set('User-Agent', userAgent);
    if (arrival.referer) call.set('Referer', arrival.referer);
    await call.expect(200);
    const who = `${ip}|${userAgent}`;
    for (const scope of ['nation', ...page.scopes]) tally(truth, day, scope, arrival.source, who);
  }

  /** Requests that must not count: bots, HEAD, prefetches, missing pages. */
  async function noise(app: TestApp, random: () => number, count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      const page = pages[Math.floor(random() * pages.length)] ?? { path: '/' };
      const kind = i % 4;
      if (kind === 0) await request(app.http).get(page.path).set('User-Agent', BOTS[i % BOTS.length] ?? '').expect(200);
      else if (kind === 1) await request(app.http).head(page.path).set('User-Agent', BROWSERS[0] ?? '').expect(200);
      else if (kind === 2) await request(app.http).get(page.path).set('User-Agent', BROWSERS[1] ?? '').set('Sec-Purpose', 'prefetch').expect(200);
      else await request(app.http).get('/produk/tidak-ada-produk-ini').set('User-Agent', BROWSERS[2] ?? '').expect(404);
      excluded += 1;
    }
  }

  /** A day of visits: each visitor in `visitors` views a few pages; spread over `apps`, a few at a time. */
  async function simulateDay(day: string, visitors: number[], apps: TestApp[], seed: number): Promise<void> {
    now = atNoonOf(day);
    const random = prng(seed);
    const jobs: (() => Promise<void>)[] = [];
    for (const visitor of visitors) {
      const views = 8 + Math.floor(random() * 10);
      const arrival = ARRIVALS[Math.floor(random() * ARRIVALS.length)] ?? ARRIVALS[0];
      for (let n = 0; n < views; n += 1) {
        const page = pages[Math.floor(random() * pages.length)];
        const app = apps[Math.floor(random() * apps.length)];
        // The first page of a visit carries the arrival; the rest are clicks within the site.
        const step = n === 0 ? arrival : ARRIVALS[5];
        if (page && app && step) jobs.push(() => visit(app, day, visitor, page, step));
      }
    }
    const noiseApp = apps[0];
    if (noiseApp) jobs.push(() => noise(noiseApp, random, 100));
    let next = 0;
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        while (next < jobs.length) {
          const job = jobs[next];
          next += 1;
          await job?.();
        }
      }),
    );
  }

  function expected(day: string, scope: string): { views: number; uniqueVisitors: number; bySource: Record<string, number> } {
    const entry = truth.get(`${day}|${scope}`);
    return { views: entry?.views ?? 0, uniqueVisitors: entry?.visitors.size ?? 0, bySource: Object.fromEntries(entry?.bySource ?? []) };
  }

  function actual(report: VisitsReportView, day: string): { views: number; uniqueVisitors: number; bySource: Record<string, number> } {
    const entry = report.days.find((d) => d.day === day);
    if (!entry) throw new Error(`no ${day} in the report`);
    return { views: entry.views, uniqueVisitors: entry.uniqueVisitors, bySource: Object.fromEntries(Object.entries(entry.viewsBySource).filter(([, views]) => views > 0)) };
  }

  async function report(bearer: string, query: Record<string, string> = {}): Promise<VisitsReportView> {
    const response = await request(t.http).get(VISITS).query({ from: DAYS[0], to: DAYS[2], ...query }).set('Authorization', bearer).expect(200);
    return response.body as VisitsReportView;
  }

  it('counts a simulated stretch of days exactly: views, sources and daily unique visitors, per scope, across two processes', async () => {
    const counter = t.app.get(VisitCounter);
    // Day 1: visitors 0-59, one process, flushed twice during the day (a visitor seen in both halves is still one).
    await simulateDay(DAYS[0], range(0, 30), [t], 1);
    await counter.flush();
    await simulateDay(DAYS[0], range(20, 60), [t], 2);
    await counter.flush();

    // Day 2: visitors 40-99 (40-59 come back), through two processes sharing the database; the
    // second one's counts reach the database when it shuts down.
    const second = await startTestAppOn(t, { WEB_BASE_URL: SITE, TRUST_PROXY: 'true' });
    jest.spyOn(second.app.get(VisitClock), 'now').mockImplementation(() => now);
    await simulateDay(DAYS[1], range(40, 100), [t, second], 3);
    await second.close();
    await counter.flush();

    // Day 3: a few of day 1's visitors again.
    await simulateDay(DAYS[2], range(0, 15), [t], 4);
    await counter.flush();

    const sent = [...truth.entries()].filter(([key]) => key.endsWith('|nation')).reduce((sum, [, entry]) => sum + entry.views, 0);
    expect(sent + excluded).toBeGreaterThan(2_000);

    const superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
    const nation = await report(superadmin.bearer);
    expect(nation.scope).toEqual({ kind: 'nation', id: null });
    expect(nation.days.map((d) => d.day)).toEqual([...DAYS]);
    for (const day of DAYS) expect({ day, ...actual(nation, day) }).toEqual({ day, ...expected(day, 'nation') });
    expect(nation.totals.views).toBe(sent);
    expect(nation.totals.uniqueVisitorsSummedDaily).toBe(DAYS.reduce((sum, day) => sum + expected(day, 'nation').uniqueVisitors, 0));
    // Day 1 had visitors 0-59, day 2 40-99: the 20 who came back are two daily uniques each.
    expect(expected(DAYS[0], 'nation').uniqueVisitors).toBe(60);
    expect(expected(DAYS[1], 'nation').uniqueVisitors).toBe(60);
    expect(nation.days[0]?.uniqueVisitors).toBe(60);
    expect(nation.days[1]?.uniqueVisitors).toBe(60);
    expect(nation.totals.viewsBySource.INTERNAL).toBeGreaterThan(0);
    expect(nation.totals.viewsBySource.CAMPAIGN).toBeGreaterThan(0);
    expect(nation.topPages.reduce((sum, p) => sum + p.views, 0)).toBe(sent);

    for (const [facility, kanwil] of [
      [banjarmasin, kalselId],
      [batam, kepriId],
    ] as const) {
      const byFacility = await report(superadmin.bearer, { facilityId: facility.id });
      const byKanwil = await report(superadmin.bearer, { kanwilId: kanwil });
      for (const day of DAYS) {
        expect({ day, ...actual(byFacility, day) }).toEqual({ day, ...expected(day, `facility:${facility.id}`) });
        expect({ day, ...actual(byKanwil, day) }).toEqual({ day, ...expected(day, `kanwil:${kanwil}`) });
      }
    }
  });

  it('shows each office its own numbers only', async () => {
    const banjarmasinAdmin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: banjarmasin });
    const own = await report(banjarmasinAdmin.bearer);
    expect(own.scope).toEqual({ kind: 'facility', id: banjarmasin.id });
    for (const day of DAYS) expect(actual(own, day)).toEqual(expected(day, `facility:${banjarmasin.id}`));
    expect(own.topPages.every((page) => ['product', 'story', 'facility'].includes(page.pageKind))).toBe(true);

    const other = (bearer: string, query: Record<string, string>) => request(t.http).get(VISITS).query(query).set('Authorization', bearer);
    expect((await other(banjarmasinAdmin.bearer, { facilityId: batam.id })).status).toBe(404);
    expect((await other(banjarmasinAdmin.bearer, { kanwilId: kalselId })).status).toBe(404);

    const kalsel = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: await kanwilId(t.dataSource, 'kalsel') });
    const region = await report(kalsel.bearer);
    expect(region.scope).toEqual({ kind: 'kanwil', id: kalselId });
    for (const day of DAYS) expect(actual(region, day)).toEqual(expected(day, `kanwil:${kalselId}`));
    expect((await report(kalsel.bearer, { facilityId: banjarmasin.id })).scope.kind).toBe('facility');
    expect((await other(kalsel.bearer, { facilityId: batam.id })).status).toBe(404);
    expect((await other(kalsel.bearer, { kanwilId: kepriId })).status).toBe(404);

    const superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
    expect((await other(superadmin.bearer, { facilityId: banjarmasin.id, kanwilId: kalselId })).status).toBe(400);
    expect((await other(superadmin.bearer, { from: DAYS[2], to: DAYS[0] })).status).toBe(400);
    expect((await other(superadmin.bearer, { from: '2026-02-30' })).status).toBe(400);
    expect((await other(superadmin.bearer, { from: '2025-01-01', to: '2026-12-31' })).status).toBe(400);
  });

  it('keeps no address or browser, and deletes salts and visitor hashes 48 hours on; the counts stay', async () => {
    const counter = t.app.get(VisitCounter);
    const before = await t.dataSource.query<{ views: number }[]>('SELECT sum(views)::int AS views FROM page_view_daily');
    const hashes = await t.dataSource.query<{ length: number }[]>('SELECT DISTINCT octet_length(hash) AS length FROM visitor_day');
    expect(hashes).toEqual([{ length: 32 }]);
    const salts = async (): Promise<string[]> => (await t.dataSource.query<{ day: string }[]>('SELECT day::text AS day FROM visit_salt ORDER BY day')).map((row) => row.day);
    const hashDays = async (): Promise<string[]> => (await t.dataSource.query<{ day: string }[]>('SELECT DISTINCT day::text AS day FROM visitor_day ORDER BY day')).map((row) => row.day);
    expect(await salts()).toEqual([...DAYS]);

    now = atNoonOf(DAYS[2]);
    await counter.sweep();
    // Today's and yesterday's stay (a late flush of yesterday still needs its salt); older ones are gone.
    expect(await salts()).toEqual([DAYS[1], DAYS[2]]);
    expect(await hashDays()).toEqual([DAYS[1], DAYS[2]]);

    now = new Date('2026-11-05T17:00:00Z'); // 00:00 WIB on 6 November: day 3 began 48 hours ago
    await counter.sweep();
    expect(await salts()).toEqual([]);
    expect(await hashDays()).toEqual([]);
    expect(await t.dataSource.query('SELECT sum(views)::int AS views FROM page_view_daily')).toEqual(before);

    // A new day gets a new random salt, never one derived from the date.
    await request(t.http).get('/').set('User-Agent', BROWSERS[0] ?? '').expect(200);
    await counter.flush();
    const [fresh] = await t.dataSource.query<{ day: string; salt: Buffer }[]>('SELECT day::text AS day, salt FROM visit_salt');
    expect(fresh?.day).toBe('2026-11-06');
    expect(fresh?.salt).toHaveLength(32);
  });

  it('counts whatever odd headers a page request carries, and never fails the page over them', async () => {
    const counter = t.app.get(VisitCounter);
    const superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
    const day = '2026-11-06';
    const before = await report(superadmin.bearer, { from: day, to: day });
    for (const [host, referer] of [
      ['bad host:99999', 'not a url'],
      ['etalase.example.id', 'android-app://'],
      ['[::1', 'https://'],
    ] as const) {
      await request(t.http).get('/').set('Host', host).set('Referer', referer).set('User-Agent', BROWSERS[1] ?? '').expect(200);
    }
    await counter.flush();
    const after = await report(superadmin.bearer, { from: day, to: day });
    expect(after.totals.views - before.totals.views).toBe(3);
    expect(after.totals.viewsBySource.OTHER - before.totals.viewsBySource.OTHER).toBe(3);
  });

  it('writes a flush larger than a chunk in chunks, exactly; a failed chunk goes back with those after it, never one already written', async () => {
    const counter = t.app.get(VisitCounter);
    const day = '2026-11-07';
    now = atNoonOf(day);
    // 12,000 distinct visitors (three visitor chunks) over 6,000 campaign codes (two chunks of view rows).
    const visitors = 12_000;
    const viewRows = 6_000;
    expect(visitors).toBeGreaterThan(2 * FLUSH_CHUNK_ROWS);
    expect(viewRows).toBeGreaterThan(FLUSH_CHUNK_ROWS);
    const counted = async (): Promise<{ views: number; rows: number; uniques: Record<string, number> }> => {
      const [views] = await t.dataSource.query<{ views: number; rows: number }[]>(`SELECT coalesce(sum(views), 0)::int AS views, count(*)::int AS rows FROM page_view_daily WHERE day = $1`, [day]);
      const uniques = await t.dataSource.query<{ scope: string; visitors: number }[]>(`SELECT scope, visitors FROM unique_visitors_daily WHERE day = $1`, [day]);
      return { views: views?.views ?? 0, rows: views?.rows ?? 0, uniques: Object.fromEntries(uniques.map((row) => [row.scope, row.visitors])) };
    };

    // The database fails every statement of one kind from its n-th on, so whichever flush runs
    // (this test's, the burst's or the timer's) the rows written stay put until it is let work.
    const query = t.dataSource.query.bind(t.dataSource);
    let failing: { sql: string; from: number } | undefined;
    let seen = 0;
    const spy = jest.spyOn(t.dataSource, 'query').mockImplementation(((sql: string, parameters?: unknown[]) => {
      if (failing && sql === failing.sql && ++seen >= failing.from) return Promise.reject(new Error('connection lost (test)'));
      return query(sql, parameters);
    }) as typeof t.dataSource.query);
    const failFrom = (sql: string, from: number): void => {
      failing = { sql, from };
      seen = 0;
    };
    try {
      // The second chunk of view rows fails: the first stays written; the rest, and every visitor, wait.
      failFrom(FLUSH_VIEWS_SQL, 2);
      for (let i = 0; i < visitors; i += 1) {
        counter.record({
          kind: 'product',
          key: sasiranganSlug,
          method: 'GET',
          status: 200,
          userAgent: BROWSERS[0],
          headers: {},
          url: `/produk/${sasiranganSlug}?k=c${i % viewRows}`,
          referer: undefined,
          ip: `10.${(i >> 8) & 255}.${i & 255}.7`,
          host: 'etalase.example.id',
        });
      }
      await expect(counter.flush()).rejects.toThrow('connection lost (test)');
      // Every code was seen twice: the first chunk holds 5,000 codes, 10,000 views.
      expect(await counted()).toEqual({ views: FLUSH_CHUNK_ROWS * 2, rows: FLUSH_CHUNK_ROWS, uniques: {} });

      // Now the views go through; the second chunk of visitors fails, the first stays.
      failFrom(FLUSH_VISITORS_SQL, 2);
      await expect(counter.flush()).rejects.toThrow('connection lost (test)');
      const scopes = { nation: FLUSH_CHUNK_ROWS, [`kanwil:${kalselId}`]: FLUSH_CHUNK_ROWS, [`facility:${banjarmasin.id}`]: FLUSH_CHUNK_ROWS };
      expect(await counted()).toEqual({ views: visitors, rows: viewRows, uniques: scopes });

      failing = undefined;
      await counter.flush();
    } finally {
      spy.mockRestore();
    }
    expect(await counted()).toEqual({ views: visitors, rows: viewRows, uniques: { nation: visitors, [`kanwil:${kalselId}`]: visitors, [`facility:${banjarmasin.id}`]: visitors } });
    // Nothing is left to write.
    await counter.flush();
    expect((await counted()).views).toBe(visitors);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, index) => from + index);
}
