import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { findFreePort } from '../src/database/free-port';
import type { Facility } from '../src/facilities/facility.entity';
import { launchChromium, loadAxeSource, runAxe, SCREENSHOTS } from './support/browser';
import { makeProduct } from './support/catalog-factories';
import { makeFacility, makeUser, type MadeUser } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(180_000);

describe('humas dashboard in the admin console (chromium, 360x800)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let axeSource: string;
  let facility: Facility;
  let officer: MadeUser;
  let regional: MadeUser;

  beforeAll(async () => {
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_BASE_URL: base, WEB_BASE_URL: base });
    await t.app.listen(port, '127.0.0.1');
    facility = await makeFacility(t.dataSource, { name: 'Lapas Banjarmasin' });
    await makeProduct(t.dataSource, facility, { name: 'Tas Purun Anyaman', publishedAt: new Date() });
    officer = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility }, { name: 'Rina Humas' });
    regional = await makeUser(t.dataSource, 'REGIONAL_ADMIN', { kanwilId: facility.kanwilId }, { name: 'Budi Kanwil' });
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

  async function openHumas(page: Page): Promise<void> {
    await page.getByText('Lainnya').click();
    await page.getByRole('link', { name: 'Kinerja Humas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kinerja Humas' }).waitFor();
  }

  it("a facility officer sees its own month: ODON, summed daily uniques labelled as such, its place; no regional report", async () => {
    const { page, errors, close } = await phonePage();
    await signIn(page, officer);
    await openHumas(page);
    await page.getByText('Lingkup: Lapas Banjarmasin').waitFor();
    await page.getByText('Pengunjung unik harian, dijumlahkan').waitFor();
    await page.getByText('Produk baru tayang').waitFor();
    await expect(page.getByText('1 dari 1 (skor', { exact: false }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Unduh PDF' }).count()).resolves.toBe(0);
    await check(page, 'humas-facility');
    expect(errors).toEqual([]);
    await close();
  });

  it('a regional officer sees the Kanwil and downloads the monthly report as PDF', async () => {
    const { page, errors, close } = await phonePage();
    await signIn(page, regional);
    await openHumas(page);
    await page.getByText(/^Lingkup: /).waitFor();
    await expect(page.getByText('Lingkup: Lapas Banjarmasin').count()).resolves.toBe(0);
    await page.getByRole('heading', { level: 2, name: 'Laporan bulanan Kanwil' }).waitFor();
    await check(page, 'humas-kanwil');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^laporan-humas-\d{4}-\d{2}\.pdf$/);
    expect(errors).toEqual([]);
    await close();
  });
});
