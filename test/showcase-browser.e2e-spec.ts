import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { findFreePort } from '../src/database/free-port';
import { launchChromium, loadAxeSource, runAxe, SCREENSHOTS, VIEWPORTS } from './support/browser';
import { makeShowcaseData, type ShowcaseData } from './support/showcase-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

describe('the showcase in a real browser (chromium, JavaScript off)', () => {
  let t: TestApp;
  let data: ShowcaseData;
  let base: string;
  let browser: Browser;
  let axeSource: string;

  beforeAll(async () => {
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    // Photos and links must point at the server the browser talks to.
    t = await startTestApp({ PUBLIC_BASE_URL: base, WEB_BASE_URL: base });
    await t.app.listen(port, '127.0.0.1');
    data = await makeShowcaseData(t.app, t.dataSource);
    axeSource = await loadAxeSource();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function withPage<T>(viewport: keyof typeof VIEWPORTS, javaScript: boolean, use: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
    const context = await browser.newContext({ viewport: VIEWPORTS[viewport], javaScriptEnabled: javaScript, locale: 'id-ID' });
    try {
      return await use(await context.newPage(), context);
    } finally {
      await context.close();
    }
  }

  /** What the visitor sees first (JavaScript off: lazy photos further down are not there yet). */
  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }

  /** The whole page with every photo in it: lazy ones are loaded first (needs JavaScript on). */
  async function fullScreenshot(page: Page, name: string): Promise<void> {
    await page.evaluate(async () => {
      // Runs in the page (no DOM types in this project's TypeScript settings).
      type Img = { loading: string; complete: boolean; decode: () => Promise<void> };
      const images = (globalThis as unknown as { document: { querySelectorAll: (s: string) => Img[] } }).document.querySelectorAll('img');
      for (const image of images) image.loading = 'eager';
      await Promise.all([...images].map((image) => image.decode().catch(() => undefined)));
    });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  it('browses home -> product, searches with a typo and switches language, all without JavaScript', async () => {
    await withPage('phone', false, async (page) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(`${base}/`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Hasil karya warga binaan, untuk Anda');
      await screenshot(page, 'no-js-home-360');

      await page.getByRole('link', { name: /Kain Sasirangan Motif Gigi Haruan/ }).first().click();
      expect(page.url()).toBe(`${base}/produk/${data.sasirangan.slug}`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Kain Sasirangan Motif Gigi Haruan');
      await expect(page.getByText('Rp125.000').first().isVisible()).resolves.toBe(true);
      // The main photo actually loaded, at its real size (CSP allows the media origin).
      const loaded = await page.locator('.gallery img').first().evaluate((img) => {
        // Runs in the page (no DOM types in this project's TypeScript settings).
        const element = img as unknown as { complete: boolean; naturalWidth: number };
        return element.complete && element.naturalWidth > 0;
      });
      expect(loaded).toBe(true);
      await screenshot(page, 'no-js-product-360');

      await page.getByRole('searchbox', { name: 'Cari produk' }).first().fill('sasirongan');
      await page.getByRole('searchbox', { name: 'Cari produk' }).first().press('Enter');
      await page.waitForURL(/\/cari\?q=sasirongan$/);
      await expect(page.getByRole('link', { name: /Kain Sasirangan Motif Gigi Haruan/ }).first().isVisible()).resolves.toBe(true);
      await screenshot(page, 'no-js-search-360');

      await page.getByRole('link', { name: 'Read this page in English' }).click();
      expect(page.url()).toBe(`${base}/en/search?q=sasirongan`);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Results for “sasirongan”');
      await page.getByRole('link', { name: /Kain Sasirangan Motif Gigi Haruan/ }).first().click();
      expect(page.url()).toBe(`${base}/en/products/${data.sasirangan.slug}`);
      await expect(page.getByText('In stock').isVisible()).resolves.toBe(true);
      await screenshot(page, 'no-js-product-en-360');
      // A CSP violation or a broken resource shows up here.
      expect(errors).toEqual([]);
    });
  }, 60_000);

  /** axe-core on the page as it is now: no WCAG 2.2 AA violation. */
  async function expectAccessible(page: Page, name: string): Promise<void> {
    const results = await runAxe(page, axeSource);
    const found = results.violations;
    expect({ page: name, violations: found }).toEqual({ page: name, violations: [] });
  }

  it('adds to cart, checks out with bank transfer and opens the order page, without JavaScript', async () => {
    await withPage('phone', false, async (page, context) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(`${base}/produk/${data.sasirangan.slug}`);
      await expect(context.cookies()).resolves.toEqual([]);
      await page.getByLabel('Jumlah').fill('2');
      await page.getByRole('button', { name: 'Masukkan keranjang' }).click();
      await page.waitForURL(`${base}/keranjang`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Keranjang belanja');
      await expect(page.getByRole('cell', { name: 'Rp250.000' }).isVisible()).resolves.toBe(true);
      await screenshot(page, 'no-js-cart-360');

      // A mistake first: the page comes back with the field marked and everything typed kept.
      await page.getByLabel('Nama lengkap').fill('Siti Rahmawati');
      await page.getByLabel('Email').fill('siti@');
      await page.getByLabel('Nomor HP/WhatsApp').fill('0812 3456 7890');
      await page.getByRole('button', { name: 'Pesan sekarang' }).click();
      await expect(page.getByText('Tulis alamat email yang benar').isVisible()).resolves.toBe(true);
      await expect(page.getByLabel('Nama lengkap').inputValue()).resolves.toBe('Siti Rahmawati');
      await page.getByLabel('Email').scrollIntoViewIfNeeded();
      await screenshot(page, 'no-js-checkout-error-360');
      // That page's 422 is logged as a failed load; it was meant. Anything after it is not.
      expect(errors).toEqual(['Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)']);
      errors.length = 0;

      await page.getByLabel('Email').fill('siti@example.com');
      await page.getByLabel('Ambil sendiri di gerai unit').check();
      await page.getByRole('button', { name: 'Pesan sekarang' }).click();
      await page.waitForURL(/\/pesanan\/ETL-\d{4}-\d+\?token=/);
      await expect(page.getByText('Menunggu pembayaran').isVisible()).resolves.toBe(true);
      await expect(page.getByText('Transfer tepat Rp250.000 ke rekening berikut:').isVisible()).resolves.toBe(true);
      await expect(page.getByText(/Bayar sebelum .*, \d{2}\.\d{2} WITA/).isVisible()).resolves.toBe(true);
      await screenshot(page, 'no-js-order-360');
      // The cart is emptied once the order is placed.
      await expect(context.cookies().then((cookies) => cookies.map((cookie) => cookie.name))).resolves.toEqual([]);
      expect(errors).toEqual([]);
    });
    // The same pages with JavaScript on, for axe.
    await withPage('phone', true, async (page) => {
      await page.goto(`${base}/produk/${data.sasirangan.slug}`);
      await page.getByRole('button', { name: 'Masukkan keranjang' }).click();
      await page.waitForURL(`${base}/keranjang`);
      await expectAccessible(page, 'cart');
      await page.getByLabel('Nama lengkap').fill('Budi Santoso');
      await page.getByRole('button', { name: 'Pesan sekarang' }).click();
      await expect(page.getByText('Mohon periksa isian yang ditandai.').isVisible()).resolves.toBe(true);
      await expectAccessible(page, 'checkout with errors');
      await page.getByLabel('Email').fill('budi@example.com');
      await page.getByLabel('Nomor HP/WhatsApp').fill('0812 1111 2222');
      await page.getByRole('button', { name: 'Pesan sekarang' }).click();
      await page.waitForURL(/\/pesanan\//);
      await expectAccessible(page, 'order');
      await fullScreenshot(page, 'order-360');
    });
  }, 90_000);

  it('offers share links at 360 px with 44 px targets; script copies the link and opens the phone\'s share sheet', async () => {
    const productUrl = `${base}/produk/${data.sasirangan.slug}`;
    const names = ['Bagikan ke WhatsApp', 'Bagikan ke Facebook', 'Bagikan ke X', 'Bagikan ke Telegram', 'Salin tautan'];
    await withPage('phone', false, async (page) => {
      await page.goto(productUrl);
      const share = page.getByRole('region', { name: 'Bagikan' });
      await share.scrollIntoViewIfNeeded();
      await screenshot(page, 'no-js-share-product-360');
      for (const name of names) {
        const box = await share.getByRole('link', { name, exact: true }).boundingBox();
        expect({ name, box: box && box.height >= 44 && box.width >= 44 && box.x >= 0 && box.x + box.width <= 360 }).toEqual({ name, box: true });
      }
      // Without script the share sheet button stays hidden (it could do nothing), and copy link is the page's address.
      await expect(share.getByRole('button', { name: 'Bagikan lewat aplikasi lain' }).count()).resolves.toBe(0);
      await expect(share.getByRole('link', { name: 'Salin tautan' }).getAttribute('href')).resolves.toBe(productUrl);
    });
    await withPage('phone', true, async (page, context) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
      // A phone's browser has navigator.share; this one is recorded (an init script runs before the page, outside its CSP).
      await context.addInitScript(() => {
        const shared: unknown[] = [];
        Object.assign(globalThis, { sharedWith: shared });
        Object.defineProperty(Object.getPrototypeOf((globalThis as unknown as { navigator: object }).navigator), 'share', {
          configurable: true,
          value: (data: unknown) => {
            shared.push(data);
            return Promise.resolve();
          },
        });
      });
      await page.goto(productUrl);
      const share = page.getByRole('region', { name: 'Bagikan' });
      await share.getByRole('link', { name: 'Salin tautan' }).click();
      // Said once the clipboard has taken the link (a promise), not at the click itself.
      await share.getByRole('status').filter({ hasText: 'Tautan sudah disalin.' }).waitFor();
      await expect(share.getByRole('status').textContent()).resolves.toBe('Tautan sudah disalin.');
      expect(page.url()).toBe(productUrl);
      await expect(page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText: () => Promise<string> } } }).navigator.clipboard.readText())).resolves.toBe(productUrl);
      const native = share.getByRole('button', { name: 'Bagikan lewat aplikasi lain' });
      const box = await native.boundingBox();
      expect(box && box.height >= 44).toBe(true);
      await native.click();
      const shared = await page.evaluate(() => (globalThis as unknown as { sharedWith: { url: string; title: string; text: string }[] }).sharedWith);
      expect(shared).toEqual([{ url: productUrl, title: 'Kain Sasirangan Motif Gigi Haruan', text: 'Kain Sasirangan Motif Gigi Haruan, Rp125.000. Hasil karya warga binaan:' }]);
      await share.scrollIntoViewIfNeeded();
      await screenshot(page, 'share-product-360');
    });
  }, 60_000);

  const PAGES: [string, (d: ShowcaseData) => string][] = [
    ['home', () => '/'],
    ['product', (d) => `/produk/${d.sasirangan.slug}`],
    ['facility', (d) => `/unit/${d.banjarmasin.slug}`],
    ['facilities', () => '/unit'],
    ['story', (d) => `/cerita/${d.story.slug}`],
    ['programme', () => '/program/ketahanan-pangan'],
    ['search', () => '/cari?q=lele&inStock=true'],
    ['not-found', () => '/produk/tidak-ada'],
  ];

  // Generous: a loaded CI machine (two cores, the other tests running beside) takes a few seconds per axe run.
  it.each(PAGES)(
    '%s pages meet WCAG 2.2 AA in both languages (axe-core)',
    async (name, pathOf) => {
      await withPage('phone', true, async (page) => {
        for (const language of ['id', 'en'] as const) {
          await page.setViewportSize(VIEWPORTS.phone);
          await page.goto(`${base}${pathOf(data)}`);
          if (language === 'en') await page.getByRole('link', { name: 'Read this page in English' }).click();
          await expect(page.locator('html').getAttribute('lang')).resolves.toBe(language);
          // CDP evaluation is not subject to the page's CSP, which would (rightly) refuse an injected script.
          const results = await runAxe(page, axeSource);
          // axe looked at the page (contrast, names, landmarks ...), and found nothing wrong.
          expect(results.passes).toBeGreaterThan(10);
          const found = results.violations;
          expect({ page: `${language} ${name}`, violations: found }).toEqual({ page: `${language} ${name}`, violations: [] });
          if (language === 'en' && name !== 'product') continue;
          const suffix = language === 'en' ? '-en' : '';
          await fullScreenshot(page, `${name}${suffix}-360`);
          await page.setViewportSize(VIEWPORTS.desktop);
          await fullScreenshot(page, `${name}${suffix}-1366`);
        }
      });
    },
    120_000,
  );
});
