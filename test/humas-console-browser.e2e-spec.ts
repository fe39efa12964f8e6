import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { findFreePort } from '../src/database/free-port';
import type { Facility } from '../src/facilities/facility.entity';
import { launchChromium, loadAxeSource, runAxe, SCREENSHOTS } from './support/browser';
import { makeProduct } from './support/catalog-factories';
import { makeFacility, makeUser, type MadeUser } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(180_000);

describe('humas campaigns in the admin console (chromium, 360x800)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let axeSource: string;
  let facility: Facility;
  let officer: MadeUser;
  let outsider: MadeUser;

  beforeAll(async () => {
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_BASE_URL: base, WEB_BASE_URL: base });
    await t.app.listen(port, '127.0.0.1');
    facility = await makeFacility(t.dataSource);
    await makeProduct(t.dataSource, facility, { name: 'Tas Purun Anyaman' });
    officer = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility }, { name: 'Rina Humas' });
    outsider = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: await makeFacility(t.dataSource) });
    axeSource = await loadAxeSource();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function phonePage(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'id-ID', deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    return { page, errors, close: () => context.close() };
  }

  async function check(page: Page, name: string): Promise<void> {
    const results = await runAxe(page, axeSource);
    expect({ screen: name, violations: results.violations }).toEqual({ screen: name, violations: [] });
    const widths = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return { scroll: root.scrollWidth, client: root.clientWidth };
    });
    expect({ screen: name, scrollWidth: widths.scroll }).toEqual({ screen: name, scrollWidth: widths.client });
    await page.screenshot({ path: join(SCREENSHOTS, `console-${name}-360.png`), fullPage: true });
  }

  async function signIn(page: Page, who: MadeUser): Promise<void> {
    await page.goto(`${base}/admin`);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Kata sandi').fill(who.password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hari ini' }).waitFor();
  }

  it('a facility officer creates a campaign, sees a refused date next to its field, makes a WhatsApp link and its QR code; another facility cannot open it', async () => {
    const { page, errors, close } = await phonePage();
    await signIn(page, officer);
    await page.getByText('Lainnya').click();
    await page.getByRole('link', { name: 'Kampanye' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kampanye Humas' }).waitFor();
    await page.getByText('Belum ada kampanye.').waitFor();
    await check(page, 'campaigns-empty');

    await page.getByRole('link', { name: 'Buat kampanye' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kampanye baru' }).waitFor();
    await page.getByLabel('Nama kampanye').fill('Pameran Kriya Desember');
    await page.getByLabel('Mulai (TTTT-BB-HH)').fill('2026-12-20');
    await page.getByLabel('Selesai (TTTT-BB-HH)').fill('2026-12-10');
    await page.getByRole('button', { name: 'Simpan kampanye' }).click();
    await page.getByText('Tanggal selesai tidak boleh sebelum tanggal mulai.').waitFor();
    await expect(page.getByLabel('Selesai (TTTT-BB-HH)').getAttribute('aria-invalid')).resolves.toBe('true');
    await check(page, 'campaign-form-error');

    await page.getByLabel('Selesai (TTTT-BB-HH)').fill('2026-12-31');
    await page.getByRole('button', { name: 'Simpan kampanye' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pameran Kriya Desember' }).waitFor();
    await page.getByText('Belum ada tautan. Buat satu untuk tiap saluran.').waitFor();
    await page.getByLabel('Saluran').selectOption('WHATSAPP');
    await page.getByRole('button', { name: 'Buat tautan' }).click();
    const qr = page.getByRole('img', { name: /^Kode QR untuk [2-9a-hjkmnp-z]{7}$/ });
    await qr.waitFor();
    await expect(qr.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)).resolves.toBe(1024);
    await expect(page.getByText(new RegExp(`^${base}/s/[2-9a-hjkmnp-z]{7}$`)).isVisible()).resolves.toBe(true);
    await page.getByRole('link', { name: 'Unduh QR (PNG)' }).waitFor();
    await check(page, 'campaign');
    const campaignPath = new URL(page.url()).pathname;
    expect(campaignPath).toMatch(/^\/admin\/kampanye\/[0-9a-f-]{36}$/);
    // The refused period is the only failed request the browser reports.
    expect(errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    await close();

    const other = await phonePage();
    await signIn(other.page, outsider);
    await other.page.goto(`${base}${campaignPath}`);
    await other.page.getByText('Data tidak ditemukan.').waitFor();
    await expect(other.page.getByText('Pameran Kriya Desember').count()).resolves.toBe(0);
    await other.close();
  });
});
