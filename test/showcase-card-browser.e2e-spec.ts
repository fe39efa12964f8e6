import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import request from 'supertest';
import { findFreePort } from '../src/database/free-port';
import { launchChromium, loadAxeSource, runAxe, SCREENSHOTS, VIEWPORTS } from './support/browser';
import { FakeStripe } from './support/fake-stripe';
import { makeShowcaseData, type ShowcaseData } from './support/showcase-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

const WEBHOOK_SECRET = 'whsec_test_card_browser_0123456789';

describe('cart editing and card payment in a real browser (chromium, fake Stripe)', () => {
  let t: TestApp;
  let fake: FakeStripe;
  let data: ShowcaseData;
  let base: string;
  let browser: Browser;
  let axeSource: string;

  beforeAll(async () => {
    fake = await FakeStripe.start();
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_BASE_URL: base, WEB_BASE_URL: base, STRIPE_SECRET_KEY: 'sk_test_card_browser', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: fake.url });
    await t.app.listen(port, '127.0.0.1');
    data = await makeShowcaseData(t.app, t.dataSource);
    await t.dataSource.query('UPDATE product SET stock = 50 WHERE id = $1', [data.sasirangan.id]);
    axeSource = await loadAxeSource();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await fake?.close();
  });

  async function withPage<T>(javaScript: boolean, use: (page: Page, errors: string[]) => Promise<T>): Promise<T> {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: javaScript, locale: 'id-ID' });
    const page = await context.newPage();
    const errors: string[] = [];
    // A CSP violation (an inline script without the nonce, a form refused by form-action) is logged here.
    page.on('console', (message) => {
      if (message.type() === 'error' && page.url().startsWith(base)) errors.push(message.text());
    });
    try {
      return await use(page, errors);
    } finally {
      await context.close();
    }
  }

  /** The whole page at both sizes a person should look at; back to the phone afterwards. */
  async function screenshots(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-360.png`), fullPage: true });
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-1366.png`), fullPage: true });
    await page.setViewportSize(VIEWPORTS.phone);
  }

  async function expectAccessible(page: Page, name: string): Promise<void> {
    const results = await runAxe(page, axeSource);
    const found = results.violations;
    expect({ page: name, violations: found }).toEqual({ page: name, violations: [] });
  }

  function sessionIdOf(url: string): string {
    const match = /\/c\/pay\/([^/?]+)$/.exec(url);
    if (!match?.[1]) throw new Error(`Not a hosted payment page: ${url}`);
    return match[1];
  }

  it('edits the cart, pays by card on the hosted page, shows processing, then paid after the signed webhook (JavaScript off)', async () => {
    await withPage(false, async (page, errors) => {
      await page.goto(`${base}/produk/${data.sasirangan.slug}`);
      await page.getByRole('button', { name: 'Masukkan keranjang' }).click();
      await page.waitForURL(`${base}/keranjang`);

      const quantity = page.getByLabel(`Jumlah ${data.sasirangan.name}`);
      await quantity.fill('3');
      await page.getByRole('button', { name: 'Ubah' }).click();
      await page.waitForURL(`${base}/keranjang?notice=updated`);
      await expect(page.getByRole('status').textContent()).resolves.toBe('Jumlah di keranjang sudah diubah.');
      await expect(page.getByRole('cell', { name: 'Rp375.000' }).isVisible()).resolves.toBe(true);
      await screenshots(page, 'card-cart-edited');

      await quantity.fill('40');
      await page.getByRole('button', { name: 'Ubah' }).click();
      await expect(page.getByText('Maksimal 10 per pesanan.').isVisible()).resolves.toBe(true);
      await expect(quantity.getAttribute('aria-invalid')).resolves.toBe('true');
      await screenshots(page, 'card-cart-over-limit');
      // That page's 422 is logged as a failed load; it was meant.
      expect(errors).toEqual(['Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)']);
      errors.length = 0;
      await quantity.fill('2');
      await page.getByRole('button', { name: 'Ubah' }).click();
      await page.waitForURL(`${base}/keranjang?notice=updated`);

      // JavaScript off: the address fields show, with the note saying when they matter.
      await expect(page.getByLabel('Kode pos').isVisible()).resolves.toBe(true);
      await expect(page.getByText('Alamat hanya diperlukan bila pesanan dikirim.').isVisible()).resolves.toBe(true);
      await expect(page.getByText('Kartu debit/kredit.').isVisible()).resolves.toBe(true);
      await page.getByLabel('Nama lengkap').fill('Siti Rahmawati');
      await page.getByLabel('Email').fill('siti@example.com');
      await page.getByLabel('Nomor HP/WhatsApp').fill('0812 3456 7890');
      await screenshots(page, 'card-checkout');
      await page.getByRole('button', { name: 'Pesan sekarang' }).click();

      // The form's answer is a 303 to the hosted page (CSP form-action lets it through).
      await page.waitForURL(/\/c\/pay\//);
      expect(page.url().startsWith(`${fake.url}/c/pay/`)).toBe(true);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Fake Stripe Checkout');
      const first = fake.checkoutSession(sessionIdOf(page.url()));
      expect(first?.amount_total).toBe(250_000 * 100);

      // The shopper cancels on Stripe's page and comes back: the order page offers "Bayar lagi".
      await page.goto(first?.cancel_url ?? '');
      await expect(page.getByText('Menunggu pembayaran').isVisible()).resolves.toBe(true);
      await screenshots(page, 'card-order-unpaid');
      await page.getByRole('button', { name: 'Bayar lagi' }).click();
      await page.waitForURL(/\/c\/pay\//);
      const second = sessionIdOf(page.url());
      expect(second).not.toBe(first?.id);
      expect(fake.checkoutSession(first?.id ?? '')?.status).toBe('expired');

      // Paid on Stripe's page; Stripe sends the browser back before its webhook arrives.
      const { session, intent } = fake.completeSession(second);
      await page.goto(session.success_url ?? '');
      await expect(page.getByRole('heading', { name: 'Pembayaran sedang diproses' }).isVisible()).resolves.toBe(true);
      await expect(page.getByText('Menunggu pembayaran').isVisible()).resolves.toBe(true);
      await expect(page.getByText('Sudah dibayar').count()).resolves.toBe(0);
      await screenshots(page, 'card-order-processing');

      const signed = fake.signedEvent('payment_intent.succeeded', intent, WEBHOOK_SECRET);
      await request(t.http).post('/api/v1/payments/stripe/webhook').set('Content-Type', 'application/json').set('Stripe-Signature', signed.header).send(signed.payload).expect(200);
      await page.reload();
      await expect(page.getByText('Sudah dibayar').isVisible()).resolves.toBe(true);
      await expect(page.getByText('Pembayaran sudah kami terima. Terima kasih!').isVisible()).resolves.toBe(true);
      await screenshots(page, 'card-order-paid');
      expect(errors).toEqual([]);
    });
  }, 120_000);

  it('hides the address fields for pickup with the page script on, within the CSP, and the pages stay accessible', async () => {
    await withPage(true, async (page, errors) => {
      await page.goto(`${base}/produk/${data.sasirangan.slug}`);
      await page.getByRole('button', { name: 'Masukkan keranjang' }).click();
      await page.waitForURL(`${base}/keranjang`);
      // Pickup is chosen by default: the script hid the address fields and their note.
      await expect(page.getByLabel('Kode pos').isVisible()).resolves.toBe(false);
      await expect(page.getByText('Alamat hanya diperlukan bila pesanan dikirim.').isVisible()).resolves.toBe(false);
      await page.getByLabel('Dikirim ke alamat').check();
      await expect(page.getByLabel('Kode pos').isVisible()).resolves.toBe(true);
      await expectAccessible(page, 'cart with line forms, shipping');
      await page.getByLabel('Ambil sendiri di gerai unit').check();
      await expect(page.getByLabel('Kode pos').isVisible()).resolves.toBe(false);
      await screenshots(page, 'card-checkout-js-pickup');

      await page.getByLabel('Nama lengkap').fill('Budi Santoso');
      await page.getByLabel('Email').fill('budi@example.com');
      await page.getByLabel('Nomor HP/WhatsApp').fill('0812 1111 2222');
      await page.getByRole('button', { name: 'Pesan sekarang' }).click();
      await page.waitForURL(/\/c\/pay\//);
      const session = fake.checkoutSession(sessionIdOf(page.url()));
      await page.goto(session?.cancel_url ?? '');
      await expectAccessible(page, 'card order page');
      await page.goto(`${session?.cancel_url ?? ''}&return=card`);
      await expectAccessible(page, 'card order page, processing');
      expect(errors).toEqual([]);
    });
  }, 120_000);
});
