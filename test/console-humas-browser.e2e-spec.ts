import { expectScreenFits, openPhone, submitSignIn, type Phone } from './support/console-phone';
import { readFile } from 'node:fs/promises';
import request from 'supertest';
import { type Browser, type Page } from 'playwright-core';
import { findFreePort } from '../src/database/free-port';
import { LinkClickCounter } from '../src/humas/links/link-click-counter.service';
import type { Product } from '../src/catalog/product.entity';
import { launchChromium, loadAxeSource } from './support/browser';
import { makeProduct } from './support/catalog-factories';
import type { Facility } from '../src/facilities/facility.entity';
import { makeFacility, makeUser, signedInAs, type MadeUser } from './support/factories';
import { buyThroughWebsite } from './support/showcase-checkout';
import { startTestApp, type TestApp } from './support/test-app';

/** A phone's browser as a shopper has it: headless Chromium says "HeadlessChrome", which the click counter rightly takes for a bot. */
const PHONE_CHROME = 'Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

describe('Humas campaigns in the admin console (chromium, 360x800)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let axeSource: string;
  let adminA: MadeUser;
  let adminB: MadeUser;
  let product: Product;
  let facilityA: Facility;

  beforeAll(async () => {
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_BASE_URL: base, WEB_BASE_URL: base });
    await t.app.listen(port, '127.0.0.1');
    // Pickup at its outlet, so the shopper the first test sends here can buy without an address.
    facilityA = await makeFacility(t.dataSource, { pickupAvailable: true, outletName: 'Galeri Karya Lapas Uji', outletAddress: 'Jl. Percobaan No. 1', outletOpeningHours: 'Senin-Jumat 08.00-15.00 WITA' });
    const facilityB = await makeFacility(t.dataSource);
    adminA = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: facilityA }, { name: 'Rina Humas' });
    adminB = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: facilityB }, { name: 'Budi Humas' });
    product = await makeProduct(t.dataSource, facilityA, { name: 'Tas Anyaman Purun' });
    axeSource = await loadAxeSource();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  function phone(): Promise<Phone> {
    return openPhone(browser, { userAgent: PHONE_CHROME, acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] });
  }

  /** axe-core on the screen as it is, no horizontal scrolling at 360 px, and a screenshot for review. */
  function check(page: Page, name: string): Promise<void> {
    return expectScreenFits(page, axeSource, name, `console-humas-${name}`);
  }

  async function signIn(page: Page, who: MadeUser): Promise<void> {
    await submitSignIn(page, who.email, who.password);
  }

  it('a facility admin makes a campaign and its WhatsApp link; a click on it reaches the product and is counted; the QR code downloads as SVG; another facility cannot see it', async () => {
    const { context, page, errors } = await phone();
    await page.goto(`${base}/admin`);
    await signIn(page, adminA);
    await page.getByRole('heading', { level: 1, name: 'Hari ini' }).waitFor();

    await page.getByText('Lainnya').click();
    await page.getByRole('link', { name: 'Kampanye' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kampanye Humas' }).waitFor();
    await page.getByText('Belum ada kampanye.').waitFor();
    await check(page, 'campaigns-empty');

    await page.getByRole('link', { name: 'Buat kampanye' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kampanye baru' }).waitFor();
    // Saved empty: the API's field errors, beside their fields, in Indonesian.
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.getByText('Nama kampanye 3 sampai 120 huruf.').waitFor();
    await expect(page.getByLabel('Nama kampanye').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Mulai tanggal').getAttribute('aria-invalid')).resolves.toBe('true');
    await check(page, 'campaign-form-error');

    await page.getByLabel('Nama kampanye').fill('Bazar HUT Pemasyarakatan');
    await page.getByLabel('Mulai tanggal').fill('2026-12-01');
    await page.getByLabel('Sampai tanggal').fill('2026-12-31');
    await page.getByLabel('Tujuan').selectOption('ORDERS');
    const products = page.getByRole('group', { name: 'Produk unggulan' });
    await products.getByLabel('Cari produk untuk ditambahkan').fill('Anyaman');
    await products.getByRole('button', { name: 'Cari' }).click();
    await products.getByRole('button', { name: 'Tambahkan Tas Anyaman Purun' }).click();
    await products.getByRole('button', { name: 'Hapus Tas Anyaman Purun' }).waitFor();
    await check(page, 'campaign-form');
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Ubah kampanye' }).waitFor();
    const campaignId = /\/admin\/kampanye\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    expect(campaignId).toMatch(/^[0-9a-f-]{36}$/);

    // A WhatsApp link to the featured product, with its copy button.
    await page.getByLabel('Kanal').selectOption('WHATSAPP');
    await page.getByLabel('Halaman tujuan').selectOption({ label: 'Produk: Tas Anyaman Purun' });
    await page.getByRole('button', { name: 'Buat tautan' }).click();
    await page.getByText('Tautan dibuat.').waitFor();
    await page.getByRole('heading', { level: 3, name: 'WhatsApp · Produk: Tas Anyaman Purun' }).waitFor();
    const shortUrl = (await page.locator('.links a.code').first().textContent()) ?? '';
    const code = new RegExp(`^${base}/s/([2-9a-z]{7})$`).exec(shortUrl)?.[1];
    expect(code).toMatch(/^[2-9a-z]{7}$/);
    await page.getByRole('button', { name: 'Salin tautan WhatsApp' }).click();
    await page.getByText('Tautan disalin.').waitFor();
    await expect(page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText: () => Promise<string> } } }).navigator.clipboard.readText())).resolves.toBe(shortUrl);
    await check(page, 'campaign-links');

    // Someone on WhatsApp opens it: a 302 to the product page with the campaign attached.
    const shopper = await phone();
    const landed = await shopper.page.goto(shortUrl);
    const redirect = await landed?.request().redirectedFrom()?.response();
    expect(redirect?.status()).toBe(302);
    expect(shopper.page.url()).toBe(`${base}/produk/${product.slug}?k=${code}`);
    await shopper.page.getByRole('heading', { level: 1, name: 'Tas Anyaman Purun' }).waitFor();
    // The cart cookie the page set carries the campaign touch; the shopper buys with it.
    const cart = (await shopper.context.cookies()).find((cookie) => cookie.name === 'etalase_cart');
    expect(cart).toBeDefined();
    const orderNumber = await buyThroughWebsite(t.http, product.slug, `etalase_cart=${cart?.value ?? ''}`);
    await shopper.context.close();

    // Clicks are tallied in memory and written in batches: after the flush, the summary counts it.
    await t.app.get(LinkClickCounter).flush();
    await page.getByRole('button', { name: 'Perbarui angka' }).click();
    const whatsappRow = page.locator('table.bars tbody tr', { has: page.locator('th', { hasText: /^WhatsApp$/ }) });
    await whatsappRow.locator('td.num', { hasText: /^1$/ }).waitFor();
    await expect(page.locator('table.bars tfoot td.num').first().textContent()).resolves.toBe('1');
    await page.getByText('Pesanan (Sentuhan terakhir)').waitFor();
    await page.getByLabel('Sentuhan pertama').check();
    await page.getByText('Pesanan (Sentuhan pertama)').waitFor();
    await check(page, 'campaign-summary');

    // The QR code for posters, fetched with the token and saved as SVG.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh QR (SVG)' }).click()]);
    expect(download.suggestedFilename()).toBe(`qr-${code}.svg`);
    const svg = await readFile((await download.path()) ?? '', 'utf8');
    expect(svg).toContain('<svg');

    // The printable A6 card of the product opens in a new tab, fetched with the token as well.
    const [card] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Kartu produk A6 untuk dicetak' }).click()]);
    await card.waitForLoadState();
    expect(card.url()).toMatch(/^blob:/);
    const cardHtml = await card.content();
    expect(cardHtml).toContain('Tas Anyaman Purun');
    // A blob page opens on the console's origin: the card's policy comes first so no script could run there.
    expect(cardHtml).toMatch(/<head[^>]*><meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    await card.close();
    await page.getByRole('link', { name: 'Kembali ke daftar kampanye' }).click();
    await page.getByRole('link', { name: /Bazar HUT Pemasyarakatan/ }).waitFor();
    await check(page, 'campaigns');

    // The order the link brought shows its campaign and channel on the order screen.
    const [order] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM shop_order WHERE number = $1`, [orderNumber]);
    await page.goto(`${base}/admin/pesanan/${order?.id ?? ''}`);
    const source = page.getByRole('region', { name: 'Sumber pesanan' });
    await source.getByText(/^Bazar HUT Pemasyarakatan · WhatsApp · \d{1,2} \S+ \d{4}$/).waitFor();
    await expect(source.getByText('Sentuhan pertama').count()).resolves.toBe(0);
    await check(page, 'order-source');
    // The only failed request is the empty form's 400, which the form showed beside its fields.
    expect(errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    await context.close();

    // An admin of another facility: not in their list, and the campaign's page says it is not found.
    const other = await phone();
    await other.page.goto(`${base}/admin/kampanye/${campaignId}`);
    await signIn(other.page, adminB);
    await other.page.getByText('Kampanye tidak ditemukan.').waitFor();
    await expect(other.page.getByRole('button', { name: 'Buat tautan' }).count()).resolves.toBe(0);
    await check(other.page, 'campaign-not-found');
    await other.page.getByRole('link', { name: 'Kembali ke daftar kampanye' }).click();
    await other.page.getByText('Belum ada kampanye.').waitFor();
    expect(other.errors.filter((error) => !error.includes('404 (Not Found)'))).toEqual([]);
    await other.context.close();
  }, 180_000);

  it('the Humas dashboard: share clicks by channel in the reader scope only, daily uniques labelled as summed, the ranking place, and the monthly report as CSV for a regional admin and, through the Kanwil picker, of another Kanwil for national staff', async () => {
    // Two Instagram clicks on a campaign of facility A (the first test made none on Instagram).
    const officer = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: facilityA });
    const campaign = await request(t.http)
      .post('/api/v1/admin/humas/campaigns')
      .set('Authorization', officer.bearer)
      .send({ name: 'Pekan Produk Purun', startsOn: '2026-12-01', endsOn: '2026-12-31', goal: 'VISITS' })
      .expect(201);
    const link = await request(t.http)
      .post(`/api/v1/admin/humas/campaigns/${campaign.body.id}/links`)
      .set('Authorization', officer.bearer)
      .send({ channel: 'INSTAGRAM', targetKind: 'HOME' })
      .expect(201);
    for (let i = 0; i < 2; i += 1) await request(t.http).get(`/s/${link.body.code}`).set('User-Agent', PHONE_CHROME).expect(302);
    await t.app.get(LinkClickCounter).flush();

    const instagramClicks = (page: Page) =>
      page
        .locator('table.bars', { has: page.locator('caption', { hasText: 'Klik tautan bagikan menurut kanal' }) })
        .locator('tbody tr', { has: page.locator('th', { hasText: /^Instagram$/ }) })
        .locator('td.num');

    const a = await phone();
    await a.page.goto(`${base}/admin`);
    await signIn(a.page, adminA);
    await a.page.getByRole('heading', { level: 1, name: 'Hari ini' }).waitFor();
    await a.page.getByText('Lainnya').click();
    await a.page.getByRole('link', { name: 'Kinerja Humas' }).click();
    await a.page.getByRole('heading', { level: 1, name: 'Kinerja Humas' }).waitFor();
    await instagramClicks(a.page).filter({ hasText: /^2$/ }).waitFor();
    await a.page.getByText('Pengunjung unik harian (dijumlahkan)').waitFor();
    await a.page.getByText(/Peringkat \d+ dari \d+/).waitFor();
    await check(a.page, 'dashboard-facility');
    expect(a.errors).toEqual([]);
    await a.context.close();

    // Another facility's officer sees its own numbers: none of facility A's clicks.
    const b = await phone();
    await b.page.goto(`${base}/admin/humas`);
    await signIn(b.page, adminB);
    await b.page.getByRole('heading', { level: 1, name: 'Kinerja Humas' }).waitFor();
    await instagramClicks(b.page).filter({ hasText: /^0$/ }).waitFor();
    await b.context.close();

    // The Kanwil's officer: its facilities' clicks, and the monthly report to sign.
    const regional = await makeUser(t.dataSource, 'REGIONAL_ADMIN', { kanwilId: facilityA.kanwilId }, { name: 'Sari Kanwil' });
    const r = await phone();
    await r.page.goto(`${base}/admin/humas`);
    await signIn(r.page, regional);
    await instagramClicks(r.page).filter({ hasText: /^2$/ }).waitFor();
    await r.page.getByRole('heading', { level: 2, name: 'Laporan bulanan Humas' }).waitFor();
    await check(r.page, 'dashboard-regional');
    const [csv] = await Promise.all([r.page.waitForEvent('download'), r.page.getByRole('button', { name: 'Unduh CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^etalase-humas-\d{4}-\d{2}-[0-9a-f]{8}\.csv$/);
    await expect(readFile((await csv.path()) ?? '', 'utf8')).resolves.toContain(facilityA.name);
    const [a4] = await Promise.all([r.context.waitForEvent('page'), r.page.getByRole('button', { name: 'Buka halaman cetak A4' }).click()]);
    await a4.waitForLoadState();
    const a4Html = await a4.content();
    expect(a4Html).toContain(facilityA.name);
    expect(a4Html).toMatch(/<head[^>]*><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
    expect(r.errors).toEqual([]);
    await r.context.close();

    // National staff have no Kanwil of their own: they pick one (here another Kanwil's, in Kepulauan Riau) and a month.
    const facilityC = await makeFacility(t.dataSource, { provinceCode: '21', city: 'Batam', name: 'Lapas Kelas IIA Uji Batam' });
    const [kanwilC] = await t.dataSource.query<{ id: string; name: string }[]>(`SELECT id, name FROM kanwil WHERE id = $1`, [facilityC.kanwilId]);
    expect(kanwilC?.id).not.toBe(facilityA.kanwilId);
    const superadmin = await makeUser(t.dataSource, 'SUPERADMIN', {}, { name: 'Dewi Pusat' });
    const n = await phone();
    await n.page.goto(`${base}/admin/humas`);
    await signIn(n.page, superadmin);
    await n.page.getByRole('heading', { level: 2, name: 'Laporan bulanan Humas' }).waitFor();
    // Asked for a file before choosing, the picker says what is missing.
    await n.page.getByRole('button', { name: 'Unduh CSV' }).click();
    await n.page.getByText('Pilih Kanwil dulu.').waitFor();
    await n.page.getByLabel('Kanwil', { exact: true }).selectOption({ label: kanwilC?.name ?? '' });
    // Chosen: the reminder goes.
    await expect(n.page.getByText('Pilih Kanwil dulu.').count()).resolves.toBe(0);
    const month = await n.page.getByLabel('Bulan', { exact: true }).inputValue();
    expect(month).toMatch(/^\d{4}-\d{2}$/);
    await check(n.page, 'dashboard-national-report');
    const [nationalCsv] = await Promise.all([n.page.waitForEvent('download'), n.page.getByRole('button', { name: 'Unduh CSV' }).click()]);
    expect(nationalCsv.suggestedFilename()).toBe(`etalase-humas-${month}-${kanwilC?.id.slice(0, 8) ?? ''}.csv`);
    const nationalText = await readFile((await nationalCsv.path()) ?? '', 'utf8');
    expect(nationalText).toContain(facilityC.name);
    expect(nationalText).not.toContain(facilityA.name);
    const [nationalXlsx] = await Promise.all([n.page.waitForEvent('download'), n.page.getByRole('button', { name: 'Unduh XLSX' }).click()]);
    expect(nationalXlsx.suggestedFilename()).toBe(`etalase-humas-${month}-${kanwilC?.id.slice(0, 8) ?? ''}.xlsx`);
    // An XLSX is a zip: it starts with PK.
    await expect(readFile((await nationalXlsx.path()) ?? '').then((bytes) => bytes.subarray(0, 2).toString())).resolves.toBe('PK');
    expect(n.errors).toEqual([]);
    await n.context.close();
  }, 180_000);
});
