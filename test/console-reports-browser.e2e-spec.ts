import { expectScreenFits, openPhone, submitSignIn, type Phone } from './support/console-phone';
import { readFile } from 'node:fs/promises';
import { type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import request from 'supertest';
import type { Product } from '../src/catalog/product.entity';
import { findFreePort } from '../src/database/free-port';
import type { AuditEventView } from '../src/audit/audit-event.view';
import type { Facility } from '../src/facilities/facility.entity';
import { holdAnswers, launchChromium, loadAxeSource } from './support/browser';
import { makeProduct } from './support/catalog-factories';
import { login, makeFacility, makeUser, signedInAs, type MadeUser } from './support/factories';
import { placeOrder } from './support/order-factories';
import { startTestApp, type TestApp } from './support/test-app';

describe('reports, audit log and share kit in the console (chromium, 360x800)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let axeSource: string;
  let facilityA: Facility;
  let facilityB: Facility;
  let productA: Product;
  let regional: MadeUser;
  let adminB: MadeUser;

  beforeAll(async () => {
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_BASE_URL: base, WEB_BASE_URL: base });
    await t.app.listen(port, '127.0.0.1');
    facilityA = await makeFacility(t.dataSource, { name: 'Lapas Kelas IIA Banjarmasin', pickupAvailable: true });
    // Another Kanwil (Kepulauan Riau): outside the regional admin's region too.
    facilityB = await makeFacility(t.dataSource, { name: 'Lapas Kelas IIA Batam', provinceCode: '21', city: 'Batam', pickupAvailable: true });
    productA = await makeProduct(t.dataSource, facilityA, { name: 'Kain Sasirangan Gigi Haruan', price: 125_000, stock: 20 });
    const productB = await makeProduct(t.dataSource, facilityB, { name: 'Tas Anyaman Batam', price: 80_000, stock: 20 });
    const superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
    for (const [product, quantity] of [
      [productA, 2],
      [productA, 1],
      [productB, 1],
    ] as const) {
      const order = await placeOrder(t.http, [{ product, quantity }], { method: 'PICKUP' });
      await request(t.http).post(`/api/v1/admin/orders/${order.id}/confirm-payment`).set('Authorization', superadmin.bearer).expect(200);
    }
    regional = await makeUser(t.dataSource, 'REGIONAL_ADMIN', { kanwilId: facilityA.kanwilId }, { name: 'Rina Humas' });
    adminB = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: facilityB }, { name: 'Agus Salim' });
    axeSource = await loadAxeSource();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  function phonePage(): Promise<Phone> {
    return openPhone(browser, { acceptDownloads: true });
  }

  /** axe-core on the screen as it is, no horizontal scrolling at 360 px, and a screenshot for review. */
  function check(page: Page, name: string): Promise<void> {
    return expectScreenFits(page, axeSource, name, `console-${name}`);
  }

  async function signIn(page: Page, who: MadeUser): Promise<void> {
    await page.goto(`${base}/admin`);
    await submitSignIn(page, who.email, who.password);
    await page.getByRole('heading', { level: 1, name: 'Hari ini' }).waitFor();
  }

  async function openMore(page: Page, link: string): Promise<void> {
    await page.getByText('Lainnya', { exact: true }).click();
    await page.getByRole('link', { name: link, exact: true }).click();
  }

  it('a regional admin sees the charts with their tables, downloads the CSV, shares a product, and finds the edit in the audit log', async () => {
    const { page, errors, close } = await phonePage();
    await signIn(page, regional);
    await openMore(page, 'Laporan');
    await page.getByRole('heading', { level: 1, name: 'Laporan penjualan' }).waitFor();
    const byFacility = page.getByRole('table', { name: 'Penjualan per unit: angka lengkap' });
    await byFacility.waitFor();
    await page.getByRole('table', { name: 'Penjualan per bulan: angka lengkap' }).waitFor();
    await page.getByRole('table', { name: 'Penjualan per program: angka lengkap' }).waitFor();
    // Three orders' worth in the region: A's two (3 x Rp125.000); B is in another Kanwil.
    await expect(byFacility.getByRole('row', { name: /Lapas Kelas IIA Banjarmasin/ }).textContent()).resolves.toContain('Rp375.000');
    await expect(byFacility.textContent()).resolves.not.toContain('Batam');
    await expect(page.locator('svg.chart').count()).resolves.toBe(3);
    await expect(page.locator('svg.chart rect').first().getAttribute('width')).resolves.toBe('320');
    await check(page, 'reports');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh CSV per unit' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toContain('facilityName');
    expect(lines[0]).toContain('gross');
    expect(lines.find((line) => line.includes('Lapas Kelas IIA Banjarmasin'))).toContain('375000');
    expect(csv).not.toContain('Batam');

    // Share kit on the product screen: three pictures that load, a caption to copy, each picture downloadable.
    // (And a campaign of the regional office, offered in "Bagikan" below.)
    const { accessToken } = await login(t.http, regional.email, regional.password);
    await request(t.http)
      .post('/api/v1/admin/humas/campaigns')
      .set('Authorization', `Bearer ${accessToken}`)
      .send({ name: 'Pameran Sasirangan', startsOn: '2026-12-01', endsOn: '2026-12-31', goal: 'ORDERS' })
      .expect(201);
    await page.goto(`${base}/admin/produk/${productA.id}`);
    await page.getByRole('heading', { level: 2, name: 'Bagikan' }).waitFor();
    const caption = page.getByLabel('Teks untuk dibagikan');
    await caption.waitFor();
    await expect(caption.inputValue()).resolves.toContain('Kain Sasirangan Gigi Haruan – Rp125.000');
    await expect(caption.inputValue()).resolves.toContain('#KaryaWargaBinaan #Pemasyarakatan');
    const images = page.locator('.share-images img');
    await expect(images.count()).resolves.toBe(3);
    for (const image of await images.all()) {
      await image.scrollIntoViewIfNeeded();
      await image.evaluate(
        (element) =>
          new Promise<void>((resolve, reject) => {
            const img = element as unknown as { complete: boolean; naturalWidth: number; addEventListener: (type: string, listener: () => void) => void };
            const done = (): void => (img.naturalWidth > 0 ? resolve() : reject(new Error('share picture did not load')));
            if (img.complete) done();
            else {
              img.addEventListener('load', done);
              img.addEventListener('error', done);
            }
          }),
      );
    }
    const [picture] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh gambar kotak (1080×1080)' }).click()]);
    const meta = await sharp(await readFile((await picture.path()) ?? '')).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1080, 1080]);
    await caption.fill('Kain sasirangan dari Banjarmasin #KaryaWargaBinaan');
    await page.getByRole('button', { name: 'Kembalikan teks awal' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Bagikan' }).scrollIntoViewIfNeeded();
    await check(page, 'product-share');

    // A campaign chosen in "Bagikan": the kit reloads and the caption carries the campaign's /s/{code} link.
    await page.getByLabel('Kampanye (opsional)').selectOption({ label: 'Pameran Sasirangan' });
    await page.getByLabel('Kanal').selectOption('INSTAGRAM');
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelector: (selector: string) => { value: string } | null } }).document;
      return doc.querySelector('.share-kit textarea')?.value.includes('/s/') === true;
    });
    await expect(caption.inputValue()).resolves.toMatch(new RegExp(`Pesan sekarang: ${base}/s/[a-z0-9]{7}\n`));
    await check(page, 'product-share-campaign');

    // An action now: rename the product; the audit log shows it, by whom, with the change readable.
    await page.getByLabel('Nama produk').fill('Kain Sasirangan Motif Gigi Haruan');
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.getByText('Tersimpan.').waitFor();
    await openMore(page, 'Riwayat perubahan');
    await page.getByRole('heading', { level: 1, name: 'Riwayat perubahan' }).waitFor();
    await page.getByLabel('Oleh (email)').fill(regional.email);
    await page.getByLabel('Jenis data').selectOption('product');
    await page.getByRole('button', { name: 'Saring' }).click();
    const entry = page.locator('.events li').filter({ hasText: 'Produk diubah' }).first();
    await entry.waitFor();
    const text = (await entry.textContent()) ?? '';
    expect(text).toContain('product.update');
    expect(text).toContain(regional.email);
    expect(text).toContain('Kain Sasirangan Gigi Haruan');
    expect(text).toContain('Kain Sasirangan Motif Gigi Haruan');
    expect(text).toMatch(/\d{2}\.\d{2} WIB/);
    await check(page, 'audit-log');
    expect(errors).toEqual([]);
    await close();
  });

  it("a facility admin of another facility sees only its own sales, and the API refuses it the other's report (404)", async () => {
    const { page, errors, close } = await phonePage();
    await signIn(page, adminB);
    // By its address, as a bookmark or a shared link opens it.
    await page.goto(`${base}/admin/laporan`);
    const byFacility = page.getByRole('table', { name: 'Penjualan per unit: angka lengkap' });
    await byFacility.waitFor();
    const table = (await byFacility.textContent()) ?? '';
    expect(table).toContain('Lapas Kelas IIA Batam');
    expect(table).toContain('Rp80.000');
    expect(table).not.toContain('Banjarmasin');
    await check(page, 'reports-facility');
    expect(errors).toEqual([]);
    await close();

    const { accessToken } = await login(t.http, adminB.email);
    const refused = await request(t.http).get('/api/v1/admin/reports/sales').query({ facilityId: facilityA.id, groupBy: 'facility' }).set('Authorization', `Bearer ${accessToken}`).expect(404);
    expect((refused.body as { code: string }).code).toBe('NOT_FOUND');
  });

  it('keeps the audit log of the last filters sent when earlier filters answer after them (a slow connection)', async () => {
    const { accessToken } = await login(t.http, regional.email);
    await request(t.http).patch(`/api/v1/admin/products/${productA.id}`).send({ weightGrams: 450 }).set('Authorization', `Bearer ${accessToken}`).expect(200);
    const { page, errors, close } = await phonePage();
    await signIn(page, regional);
    await openMore(page, 'Riwayat perubahan');
    await page.getByRole('heading', { level: 1, name: 'Riwayat perubahan' }).waitFor();
    await page.locator('.events li').first().waitFor();
    // The answer for orders is held until the list for products is on the screen.
    const isOrderFilter = (url: URL): boolean => url.pathname === '/api/v1/admin/audit-events' && url.searchParams.get('entityType') === 'order';
    const release = await holdAnswers(page, isOrderFilter);
    const filterBy = async (type: string): Promise<void> => {
      await page.getByLabel('Jenis data').selectOption(type);
      await page.getByRole('button', { name: 'Saring' }).click();
    };
    await filterBy('order');
    await filterBy('product');
    await page.locator('.events li').filter({ hasText: 'product.update' }).first().waitFor();
    const lateAnswer = page.waitForResponse(async (response) => isOrderFilter(new URL(response.url())) && ((await response.json()) as { data: unknown[] }).data.length > 0);
    release();
    await lateAnswer;
    // Let the late answer reach the screen, had it been allowed to.
    await page.evaluate(() => new Promise((done) => setTimeout(done, 300)));
    const actions = await page.locator('.events li .code').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((action) => !action.startsWith('product.'))).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it("filters the audit log by who acted, by email in any letter case (the screen's 'Oleh' field), and by a WIB day", async () => {
    const { accessToken } = await login(t.http, regional.email);
    const list = async (query: Record<string, string>): Promise<AuditEventView[]> =>
      ((await request(t.http).get('/api/v1/admin/audit-events').query(query).set('Authorization', `Bearer ${accessToken}`).expect(200)).body as { data: AuditEventView[] }).data;
    await request(t.http).patch(`/api/v1/admin/products/${productA.id}`).send({ weightGrams: 600 }).set('Authorization', `Bearer ${accessToken}`).expect(200);
    const mine = await list({ actorEmail: regional.email.toUpperCase() });
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((event) => event.actorEmail))).toEqual(new Set([regional.email]));
    await expect(list({ actorEmail: adminB.email })).resolves.toEqual([]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    await expect(list({ actorEmail: regional.email, from: `${today}T00:00:00+07:00` })).resolves.toHaveLength(mine.length);
    await expect(list({ actorEmail: regional.email, to: `${today}T00:00:00+07:00` })).resolves.toEqual([]);
  });
});
