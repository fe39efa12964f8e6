import { expectScreenFits, openPhone, submitSignIn, type Phone } from './support/console-phone';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import request from 'supertest';
import { findFreePort } from '../src/database/free-port';
import type { Facility } from '../src/facilities/facility.entity';
import type { OrderAdminView } from '../src/orders/order-admin.views';
import type { OrderView } from '../src/orders/order.views';
import { launchChromium, loadAxeSource, SCREENSHOTS } from './support/browser';
import { makeProduct } from './support/catalog-factories';
import { makeFacility, makeUser, signedInAs, type MadeUser } from './support/factories';
import { placeOrder, TEST_ADDRESS } from './support/order-factories';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A phone photo as a camera writes it: 4000x3000, a few MB of texture, and EXIF with the place it
 * was taken (GPS). Neither the size nor the location may reach the public.
 */
async function cameraPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#3a6ea5', noise: { type: 'gaussian', mean: 128, sigma: 12 } } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'Phone', Model: 'Camera 4000' },
      IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '3/1 19/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '114/1 35/1 0/1' },
    })
    .toBuffer();
}

describe('the admin console in a real browser (chromium, 360x800)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let axeSource: string;
  let facilityA: Facility;
  let adminA: MadeUser;
  let adminB: MadeUser;
  let photo: Buffer;

  beforeAll(async () => {
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_BASE_URL: base, WEB_BASE_URL: base });
    await t.app.listen(port, '127.0.0.1');
    facilityA = await makeFacility(t.dataSource, { couriers: ['JNE', 'SICEPAT'] });
    const facilityB = await makeFacility(t.dataSource);
    adminA = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: facilityA }, { name: 'Dewi Lestari' });
    adminB = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: facilityB }, { name: 'Agus Salim' });
    photo = await cameraPhoto();
    axeSource = await loadAxeSource();
    browser = await launchChromium();
    // A database, an app, a browser and a 12-megapixel photo: more than the default on a busy CI machine.
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  function phonePage(): Promise<Phone> {
    return openPhone(browser);
  }

  /** axe-core on the screen as it is, no horizontal scrolling at 360 px, and a screenshot for review. */
  function check(page: Page, name: string): Promise<void> {
    return expectScreenFits(page, axeSource, name, `console-${name}`);
  }

  async function signIn(page: Page, who: MadeUser): Promise<void> {
    await submitSignIn(page, who.email, who.password);
    await page.getByRole('heading', { level: 1, name: 'Hari ini' }).waitFor();
  }

  it('a facility admin signs in, creates a product with a camera photo, publishes it; the public sees it without EXIF; another facility does not', async () => {
    const { page, errors, close } = await phonePage();
    await page.goto(`${base}/admin`);
    await page.getByRole('heading', { level: 1, name: 'Masuk ke Etalase Admin' }).waitFor();
    await check(page, 'sign-in');

    // A wrong password is said plainly, in Indonesian.
    await page.getByLabel('Email').fill(adminA.email);
    await page.getByLabel('Kata sandi').fill('salah-sandi');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByText('Email atau kata sandi salah.').waitFor();
    await signIn(page, adminA);
    await expect(page.getByText('Selamat bekerja, Dewi Lestari.').isVisible()).resolves.toBe(true);
    await check(page, 'home');

    // The menu is one row at 360 px: three tabs and "Lainnya", which holds the rest and sign-out.
    const menu = page.getByRole('navigation', { name: 'Menu utama' });
    const rowTops = await menu.locator(':scope > a, :scope > details > summary').evaluateAll((entries) => entries.map((entry) => Math.round(entry.getBoundingClientRect().top)));
    expect(rowTops).toHaveLength(4);
    expect(new Set(rowTops).size).toBe(1);
    await menu.getByText('Lainnya').click();
    await menu.getByRole('link', { name: 'Cerita' }).waitFor();
    await expect(menu.getByRole('button', { name: 'Keluar' }).isVisible()).resolves.toBe(true);
    await check(page, 'menu-open');
    await menu.getByText('Lainnya').click();

    await page.getByRole('link', { name: 'Produk', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Produk' }).waitFor();
    await page.getByText('Belum ada produk yang cocok.').waitFor();
    await check(page, 'products-empty');

    await page.getByRole('link', { name: 'Tambah produk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Produk baru' }).waitFor();
    await page.getByLabel('Nama produk').fill('Tas Anyaman Purun');
    await page.getByLabel('Kategori').selectOption('kerajinan');
    await page.getByLabel('Harga (Rp)').fill('seratus ribu');
    await page.getByRole('button', { name: 'Simpan' }).click();
    // The API's field error, beside its field, in plain Indonesian; nothing typed is lost.
    await page.getByText('Harga berupa angka bulat rupiah, 0 atau lebih, tanpa titik atau koma.').waitFor();
    await expect(page.getByLabel('Harga (Rp)').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Nama produk').inputValue()).resolves.toBe('Tas Anyaman Purun');
    await check(page, 'product-form-error');

    // The draft survives a reload (a dropped connection, a closed tab).
    await page.reload();
    await page.getByText('Isian yang belum tersimpan dipulihkan dari ponsel ini.').waitFor();
    await expect(page.getByLabel('Nama produk').inputValue()).resolves.toBe('Tas Anyaman Purun');

    await page.getByLabel('Harga (Rp)').fill('125.000');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL(/\/admin\/produk\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Ubah produk' }).waitFor();
    const productId = page.url().split('/').pop() ?? '';

    // A photo needs its description first.
    await page.getByLabel('Ambil atau pilih foto').setInputFiles({ name: 'IMG_20261207_0815.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('button', { name: 'Unggah foto' }).click();
    await page.getByText('Keterangan foto wajib diisi, paling banyak 300 huruf.').waitFor();
    await page.getByLabel('Keterangan foto').fill('Tas anyaman purun cokelat berdiri di atas meja kayu');
    // The answer is lost on the way back (the server stored the photo), and again on both automatic
    // retries; the person's own retry must not add it twice either.
    const images = `${base}/api/v1/admin/products/${productId}/images`;
    const sent: number[] = [];
    await page.route(
      images,
      async (route) => {
        sent.push(route.request().postDataBuffer()?.length ?? 0);
        await route.fetch();
        await route.abort('connectionreset');
      },
      { times: 3 },
    );
    await page.getByRole('button', { name: 'Unggah foto' }).click();
    await page.getByText('Foto gagal terkirim. Coba lagi; foto tidak akan tercatat dua kali.').waitFor({ timeout: 30_000 });
    expect(sent).toHaveLength(3); // the first try and two automatic retries
    await check(page, 'photo-failed');
    await page.getByRole('button', { name: 'Kirim ulang' }).click();
    await page.getByText('Foto terunggah.').waitFor({ timeout: 30_000 });
    await expect(page.getByRole('img', { name: 'Tas anyaman purun cokelat berdiri di atas meja kayu' }).count()).resolves.toBe(1);
    // What went over the network was the downscaled photo, not the camera's original.
    expect(sent[0]).toBeLessThan(photo.length / 2);
    await page.getByRole('img', { name: 'Tas anyaman purun cokelat berdiri di atas meja kayu' }).waitFor();

    await page.getByLabel('Tambah atau kurangi').fill('12');
    await page.getByLabel('Alasan').fill('Hasil anyaman minggu ini');
    await page.getByRole('button', { name: 'Simpan stok' }).click();
    await page.getByText('Stok sekarang 12.', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Tayangkan' }).click();
    await page.getByText('Produk sudah tayang di etalase.').waitFor();
    await check(page, 'product-edit');
    // The wrong password (401), the unreadable price (400) and the lost answer were meant; a CSP
    // violation or a script error would be something else.
    expect(errors.filter((error) => !error.startsWith('Failed to load resource:'))).toEqual([]);
    expect(errors).toEqual(expect.arrayContaining(['Failed to load resource: the server responded with a status of 401 (Unauthorized)', 'Failed to load resource: the server responded with a status of 400 (Bad Request)']));

    // What the phone sent was made small; what the public gets has no EXIF, and no GPS.
    const rows = await t.dataSource.query<{ upload_key: string | null; slug: string }[]>(
      'SELECT i.upload_key, p.slug FROM product_image i JOIN product p ON p.id = i.product_id WHERE i.product_id = $1',
      [productId],
    );
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row?.upload_key).toMatch(/^[0-9a-f-]{32,36}$/);
    const publicProduct = await request(t.http).get(`/api/v1/products/${row?.slug ?? ''}`).expect(200);
    expect(publicProduct.body).toMatchObject({ name: 'Tas Anyaman Purun', price: 125000, stock: 12, facility: { slug: facilityA.slug } });
    const image = (publicProduct.body as { images: { largeUrl: string; alt: string }[] }).images[0];
    expect(image?.alt).toBe('Tas anyaman purun cokelat berdiri di atas meja kayu');
    const large = await request(t.http)
      .get(new URL(image?.largeUrl ?? '').pathname)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const meta = await sharp(large.body as Buffer).metadata();
    expect({ format: meta.format, exif: meta.exif, xmp: meta.xmp }).toEqual({ format: 'webp', exif: undefined, xmp: undefined });
    expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(2000);

    // The session ends (here: signed out elsewhere) while a form is half typed: sign-in comes over
    // the screen, and signing in again brings the form back as it was.
    await page.getByRole('link', { name: 'Produk', exact: true }).click();
    await page.getByRole('link', { name: 'Tambah produk' }).click();
    await page.getByLabel('Nama produk').fill('Keripik Tempe Renyah');
    const refreshToken = await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem: (key: string) => string | null } }).sessionStorage.getItem('etalase.console.refresh'));
    await request(t.http).post('/api/v1/auth/logout').send({ refreshToken }).expect(204);
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Sesi Anda sudah berakhir. Silakan masuk lagi; isian Anda tidak hilang.').waitFor();
    await page.getByLabel('Email').fill(adminA.email);
    await page.getByLabel('Kata sandi').fill(adminA.password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Produk baru' }).waitFor();
    await expect(page.getByLabel('Nama produk').inputValue()).resolves.toBe('Keripik Tempe Renyah');
    await close();

    // Another facility's admin: not in their list, and its address says "not found".
    const other = await phonePage();
    await other.page.goto(`${base}/admin`);
    await signIn(other.page, adminB);
    await other.page.getByRole('link', { name: 'Produk', exact: true }).click();
    await other.page.getByText('Belum ada produk yang cocok.').waitFor();
    await expect(other.page.getByText('Tas Anyaman Purun').count()).resolves.toBe(0);
    await other.page.goto(`${base}/admin/produk/${productId}`);
    await other.page.getByText('Data tidak ditemukan.').waitFor();
    await expect(other.page.getByLabel('Nama produk').count()).resolves.toBe(0);

    // The language switch: the same screen in English.
    await other.page.getByRole('button', { name: 'Read the console in English' }).click();
    await other.page.getByRole('heading', { level: 1, name: 'Edit product' }).waitFor();
    await other.page.getByText('Not found.').waitFor();
    await expect(other.page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await check(other.page, 'product-not-found-en');
    await other.close();
  }, 240_000);

  it('a facility admin packs and ships a paid order with a resi; the buyer sees it shipped; another facility sees nothing', async () => {
    const product = await makeProduct(t.dataSource, facilityA, { name: 'Keset Sabut Kelapa', price: 62_500, weightGrams: 800, stock: 20 });
    const placed = await placeOrder(t.http, [{ product, quantity: 2 }], { name: 'Rina Marlina Siregar' });
    const superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
    await request(t.http).post(`/api/v1/admin/orders/${placed.id}/confirm-payment`).set('Authorization', superadmin.bearer).expect(200);

    const { page, errors, close } = await phonePage();
    await page.goto(`${base}/admin`);
    await signIn(page, adminA);
    // The home screen counts the parcel this facility has to pack, and leads to it.
    await page.locator('.card', { hasText: 'Pesanan untuk dikemas' }).getByText('1', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Lihat pesanan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pesanan' }).waitFor();
    const row = page.getByRole('link', { name: new RegExp(placed.number) });
    await row.waitFor();
    const rowText = await row.innerText();
    // Buyer's first name only; the total as WEB.md writes money; the pieces to pack.
    expect(rowText).toContain('Rina');
    expect(rowText).not.toContain('Marlina');
    expect(rowText).toContain(`Rp${new Intl.NumberFormat('id-ID').format(placed.total)}`);
    expect(rowText).toContain('2 barang');
    await check(page, 'orders-to-pack');

    await row.click();
    await page.getByRole('heading', { level: 1, name: `Pesanan ${placed.number}` }).waitFor();
    // The order number is never split at a hyphen at 360 px: one line box.
    await expect(page.locator('h1 .code').evaluate((code) => code.getClientRects().length)).resolves.toBe(1);
    await page.getByText(TEST_ADDRESS.line1).waitFor();
    await check(page, 'order-detail');

    // Pack: the slip, without prices, printable.
    await page.getByRole('link', { name: 'Kemas: cetak slip' }).click();
    await page.getByRole('heading', { level: 1, name: `Slip paket ${placed.number}` }).waitFor();
    await expect(page.getByRole('cell', { name: 'Keset Sabut Kelapa' }).count()).resolves.toBe(1);
    await expect(page.getByText(/Rp\d/).count()).resolves.toBe(0);
    await check(page, 'packing-slip');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: 'Cetak' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('navigation', { name: 'Menu utama' }).isVisible()).resolves.toBe(false);
    await page.screenshot({ path: join(SCREENSHOTS, 'console-packing-slip-print-360.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('link', { name: 'Kembali ke pesanan' }).click();

    // Ship: a malformed resi is said beside its field, in Indonesian, and nothing typed is lost.
    await page.getByLabel('Kurir').selectOption('SICEPAT');
    await page.getByLabel('Nomor resi').fill('SCP 0012 3456');
    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    await page.getByText('Nomor resi 4 sampai 40 huruf, angka atau tanda hubung.').waitFor();
    await expect(page.getByLabel('Nomor resi').getAttribute('aria-invalid')).resolves.toBe('true');
    await check(page, 'order-ship-error');
    await page.getByLabel('Nomor resi').fill('SCP-00123456');
    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    await page.getByText('Paket tercatat dikirim.').waitFor();
    await page.getByText('Kurir SICEPAT, resi SCP-00123456').waitFor();
    await check(page, 'order-shipped');

    // It moved from "to pack" to "shipped".
    await page.getByRole('link', { name: 'Kembali ke daftar pesanan' }).click();
    await page.getByText('Tidak ada pesanan di sini.').waitFor();
    await page.getByRole('link', { name: 'Dikirim', exact: true }).click();
    await page.getByRole('link', { name: new RegExp(placed.number) }).waitFor();

    // A second paid order, cancelled before packing: a full refund, with a reason.
    const second = await placeOrder(t.http, [product], { name: 'Budi Santoso' });
    await request(t.http).post(`/api/v1/admin/orders/${second.id}/confirm-payment`).set('Authorization', superadmin.bearer).expect(200);
    await page.goto(`${base}/admin/pesanan/${second.id}`);
    await page.getByRole('heading', { level: 1, name: `Pesanan ${second.number}` }).waitFor();
    await page.getByText('Batalkan pesanan', { exact: true }).click();
    await page.getByRole('button', { name: 'Batalkan dan kembalikan dana' }).click();
    await page.getByText('Wajib diisi.').waitFor();
    await check(page, 'order-cancel');
    await page.getByLabel('Alasan pembatalan').fill('Bahan baku habis');
    await page.getByRole('button', { name: 'Batalkan dan kembalikan dana' }).click();
    await page.getByText('Dana dikembalikan', { exact: false }).first().waitFor();
    await expect(page.getByRole('button', { name: 'Kirim', exact: true }).count()).resolves.toBe(0);
    const refunded = (await request(t.http).get(`/api/v1/admin/orders/${second.id}`).set('Authorization', superadmin.bearer).expect(200)).body as OrderAdminView;
    expect(refunded.status).toBe('REFUNDED');

    // The bad resi (400) was meant.
    expect(errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    await close();

    // The buyer's order status shows the parcel shipped with its resi.
    const publicView = (await request(t.http).get(`/api/v1/orders/${placed.number}`).set('X-Order-Token', placed.accessToken).expect(200)).body as OrderView;
    expect(publicView.fulfilments.map((f) => f.status)).toEqual(['SHIPPED']);
    const adminView = (await request(t.http).get(`/api/v1/admin/orders/${placed.id}`).set('Authorization', superadmin.bearer).expect(200)).body as OrderAdminView;
    expect(adminView.fulfilments[0]).toMatchObject({ status: 'SHIPPED', courier: 'SICEPAT', trackingNumber: 'SCP-00123456' });

    // Another facility's admin: an empty list on every tab, and "not found" at the order's address.
    const other = await phonePage();
    // Signing in on the orders address stays there.
    await other.page.goto(`${base}/admin/pesanan?status=semua`);
    await other.page.getByLabel('Email').fill(adminB.email);
    await other.page.getByLabel('Kata sandi').fill(adminB.password);
    await other.page.getByRole('button', { name: 'Masuk' }).click();
    await other.page.getByRole('heading', { level: 1, name: 'Pesanan' }).waitFor();
    await other.page.getByText('Tidak ada pesanan di sini.').waitFor();
    await expect(other.page.getByText(placed.number).count()).resolves.toBe(0);
    await other.page.goto(`${base}/admin/pesanan/${placed.id}`);
    await other.page.getByRole('heading', { level: 1, name: 'Pesanan tidak ditemukan.' }).waitFor();
    await check(other.page, 'order-not-found');
    await other.page.goto(`${base}/admin/pesanan/${placed.id}/slip`);
    await other.page.getByRole('heading', { level: 1, name: 'Pesanan tidak ditemukan.' }).waitFor();
    await expect(other.page.getByText('Keset Sabut Kelapa').count()).resolves.toBe(0);
    // A list the API refuses (a role changed since sign-in) shows the refusal screen, not "offline" or JSON.
    await other.page.route(`${base}/api/v1/admin/orders?**`, (route) =>
      route.fulfill({ status: 403, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Not for this role', code: 'FORBIDDEN' }) }),
    );
    await other.page.goto(`${base}/admin/pesanan?status=semua`);
    await other.page.getByRole('heading', { level: 1, name: 'Halaman ini bukan untuk akun Anda' }).waitFor();
    await expect(other.page.getByRole('alert').count()).resolves.toBe(0);
    await other.close();
  }, 240_000);
});
