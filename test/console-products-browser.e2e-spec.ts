import { expectScreenFits, openPhone, submitSignIn, type Phone } from './support/console-phone';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import request from 'supertest';
import type { ProductDetailView } from '../src/catalog/product.views';
import { findFreePort } from '../src/database/free-port';
import type { Facility } from '../src/facilities/facility.entity';
import { holdAnswers, launchChromium, loadAxeSource } from './support/browser';
import { makeProduct } from './support/catalog-factories';
import { makeFacility, makeUser, type MadeUser } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

/** 4000x3000 with the camera's EXIF and a GPS position, as a phone writes it. */
async function cameraPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#a5623a', noise: { type: 'gaussian', mean: 128, sigma: 12 } } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'Phone', Model: 'Camera 4000' },
      IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '3/1 19/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '114/1 35/1 0/1' },
    })
    .toBuffer();
}

const day = (fromToday: number): string => new Date(Date.now() + fromToday * 86_400_000).toISOString().slice(0, 10);

/**
 * Issue 16's product part at 360x800: the home screen's low-stock and permit cards lead to the
 * filtered list; a facility admin creates a FOOD product with a permit and a maker credited with
 * consent, uploads a camera JPEG and an iPhone HEIC at once, reorders them and edits a
 * description, publishes; the public API shows it without EXIF; another facility cannot open it.
 */
describe('console products in a real browser (chromium, 360x800)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let axeSource: string;
  let facilityA: Facility;
  let adminA: MadeUser;
  let adminB: MadeUser;
  let jpeg: Buffer;
  let heic: Buffer;

  beforeAll(async () => {
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_BASE_URL: base, WEB_BASE_URL: base });
    await t.app.listen(port, '127.0.0.1');
    facilityA = await makeFacility(t.dataSource, { shortName: 'Lapas Banjarmasin' });
    const facilityB = await makeFacility(t.dataSource);
    adminA = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: facilityA }, { name: 'Dewi Lestari' });
    adminB = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: facilityB }, { name: 'Agus Salim' });
    // What the home screen should count: one product low on stock, one whose permit ends in 10 days;
    // and the same at the other facility, which must not be counted.
    await makeProduct(t.dataSource, facilityA, { name: 'Sapu Ijuk Sisa Dua', stock: 2 });
    await makeProduct(t.dataSource, facilityA, { name: 'Keset Sabut Banyak', stock: 40 });
    const expiring = await makeProduct(t.dataSource, facilityA, { name: 'Dodol Kandangan', kind: 'FOOD', categorySlug: 'roti-kue', withPermit: false, stock: 30, foodPermitValidUntil: day(10) });
    await t.dataSource.query(`INSERT INTO product_certificate (product_id, kind, number, issuer, valid_until) VALUES ($1, 'SPP_IRT', 'P-IRT 1', 'Dinkes', $2)`, [expiring.id, day(10)]);
    await makeProduct(t.dataSource, facilityB, { name: 'Tas Lain Sisa Satu', stock: 1 });
    jpeg = await cameraPhoto();
    heic = await readFile(join(__dirname, 'fixtures', 'heic', 'DSCN0010.heic'));
    axeSource = await loadAxeSource();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  function phonePage(): Promise<Phone> {
    return openPhone(browser);
  }

  function check(page: Page, name: string): Promise<void> {
    return expectScreenFits(page, axeSource, name, `console-products-${name}`);
  }

  /** Every button on the screen is at least 44x44 px (WCAG 2.5.8 asks 24; STYLE.md 44). */
  async function expectTouchTargets(page: Page): Promise<void> {
    const small = await page.getByRole('button').evaluateAll((buttons) =>
      buttons
        .map((button) => ({ name: button.textContent ?? '', box: button.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
        .map(({ name, box }) => `${name} ${Math.round(box.width)}x${Math.round(box.height)}`),
    );
    expect(small).toEqual([]);
  }

  async function signIn(page: Page, who: MadeUser): Promise<void> {
    await submitSignIn(page, who.email, who.password);
  }

  async function media(url: string): Promise<Buffer> {
    const response = await request(t.http)
      .get(new URL(url).pathname)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    return response.body as Buffer;
  }

  it('home cards lead to the filtered list; a FOOD product with a permit, a credited maker and two photos (JPEG + HEIC) is made, ordered, described and published', async () => {
    const { page, errors, close } = await phonePage();
    await page.goto(`${base}/admin`);
    await signIn(page, adminA);
    await page.getByRole('heading', { level: 1, name: 'Hari ini' }).waitFor();
    await page.locator('.card', { hasText: 'Stok menipis' }).getByText('1', { exact: true }).waitFor();
    await page.locator('.card', { hasText: 'Izin pangan segera habis' }).getByText('1', { exact: true }).waitFor();
    await check(page, 'home');

    await page.getByRole('link', { name: 'Lihat produk stok menipis' }).click();
    await page.getByText('Menampilkan produk dengan stok 3 atau kurang.').waitFor();
    await page.getByText('1 produk').waitFor();
    await expect(page.getByRole('listitem').filter({ hasText: 'Sapu Ijuk Sisa Dua' }).count()).resolves.toBe(1);
    await expect(page.getByText('Keset Sabut Banyak').count()).resolves.toBe(0);
    await check(page, 'low-stock');
    await page.goBack();
    await page.getByRole('link', { name: 'Lihat produk dengan izin segera habis' }).click();
    await page.getByText('Menampilkan produk dengan izin yang habis sebelum', { exact: false }).waitFor();
    await page.getByText('Dodol Kandangan').waitFor();
    await expect(page.getByText('Sapu Ijuk Sisa Dua').count()).resolves.toBe(0);
    await check(page, 'permits-expiring');

    // A new FOOD product: a permit with its expiry, and a maker credited by initials with consent.
    await page.getByRole('link', { name: 'Tampilkan semua produk' }).click();
    await page.getByRole('link', { name: 'Tambah produk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Produk baru' }).waitFor();
    await page.getByLabel('Nama produk').fill('Amplang Ikan Tenggiri');
    await page.getByLabel('Kategori').selectOption('roti-kue');
    await page.getByLabel('Jenis', { exact: true }).selectOption('FOOD');
    await page.getByLabel('Harga (Rp)').fill('35.000');
    await page.getByLabel('Stok awal').fill('24');
    await page.getByRole('button', { name: 'Tambah izin' }).click();
    await page.getByLabel('Jenis izin').selectOption('SPP_IRT');
    await page.getByLabel('Nomor izin').fill('P-IRT 2066371010123-28');
    await page.getByLabel('Diterbitkan oleh').fill('Dinas Kesehatan Kota Banjarmasin');
    await page.getByLabel('Berlaku sampai').fill(day(400));
    await page.getByRole('button', { name: 'Catat persetujuan pembuat' }).click();
    await page.getByLabel('Nama yang dicantumkan').fill('a.r.');
    await page.getByLabel('Petugas yang mencatat').fill('Budi S., Kasi Giatja');
    await page.getByRole('button', { name: 'Simpan persetujuan' }).click();
    // The API's refusal of "a.r.", beside the field, in Indonesian; then the right form of initials.
    await page.getByText('Huruf besar, masing-masing diikuti titik. Contoh: A.R.').nth(1).waitFor();
    await expect(page.getByLabel('Nama yang dicantumkan').getAttribute('aria-invalid')).resolves.toBe('true');
    await check(page, 'consent-error');
    await page.getByLabel('Nama yang dicantumkan').fill('A.R.');
    await page.getByRole('button', { name: 'Simpan persetujuan' }).click();
    await page.getByRole('button', { name: 'Catat persetujuan pembuat' }).waitFor();
    await expect(page.getByLabel('Kredit pembuat').locator('option:checked').innerText()).resolves.toMatch(/^Perorangan: A\.R\./);
    await check(page, 'product-new');
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.waitForURL(/\/admin\/produk\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Ubah produk' }).waitFor();
    const productId = page.url().split('/').pop() ?? '';
    await expect(page.getByLabel('Nomor izin').inputValue()).resolves.toBe('P-IRT 2066371010123-28');

    // Two photos at once from the camera roll: a 12 MP JPEG with GPS and an iPhone HEIC, each with its own progress bar.
    await page.getByLabel('Ambil atau pilih foto').setInputFiles([
      { name: 'IMG_20261207_0815.jpg', mimeType: 'image/jpeg', buffer: jpeg },
      { name: 'IMG_4431.HEIC', mimeType: 'image/heic', buffer: heic },
    ]);
    await page.getByLabel('Keterangan foto').fill('Amplang dalam kemasan plastik bening');
    await page.getByRole('button', { name: 'Unggah 2 foto' }).click();
    await page.getByText('2 foto terunggah.').waitFor({ timeout: 60_000 });
    await expect(page.getByRole('img', { name: 'Amplang dalam kemasan plastik bening' }).count()).resolves.toBe(2);
    await check(page, 'photos-uploaded');
    await expectTouchTargets(page);

    // The HEIC (second) becomes the cover, then gets a description of its own.
    await page.getByRole('button', { name: 'Pindahkan foto 2 ke atas' }).click();
    await page.getByText('Foto 2 sekarang di urutan 1.').waitFor();
    await page.getByRole('button', { name: 'Ubah keterangan foto 1' }).click();
    await page.getByLabel('Keterangan foto', { exact: true }).first().fill('');
    await page.getByRole('button', { name: 'Simpan keterangan' }).click();
    await page.getByText('Keterangan foto wajib diisi, paling banyak 300 huruf.').first().waitFor();
    await check(page, 'photo-alt-error');
    await page.getByLabel('Keterangan foto', { exact: true }).first().fill('Amplang ditata di piring, difoto dengan iPhone');
    await page.getByRole('button', { name: 'Simpan keterangan' }).click();
    await page.getByText('Keterangan foto disimpan.').waitFor();
    await page.getByRole('img', { name: 'Amplang ditata di piring, difoto dengan iPhone' }).waitFor();
    await check(page, 'photos-ordered');

    await page.getByRole('button', { name: 'Tayangkan' }).click();
    await page.getByText('Produk sudah tayang di etalase.').waitFor();
    await check(page, 'product-published');

    // The public API: the order and descriptions as set, the permit, the maker by initials, no EXIF anywhere.
    const slug = ((await t.dataSource.query<{ slug: string }[]>('SELECT slug FROM product WHERE id = $1', [productId]))[0]).slug;
    const published = (await request(t.http).get(`/api/v1/products/${slug}`).expect(200)).body as ProductDetailView;
    expect(published).toMatchObject({ name: 'Amplang Ikan Tenggiri', kind: 'FOOD', price: 35_000, maker: { type: 'INDIVIDUAL', credit: expect.stringMatching(/^A\.R\., /) as unknown } });
    expect(published.certifications).toEqual([{ kind: 'SPP_IRT', number: 'P-IRT 2066371010123-28', issuer: 'Dinas Kesehatan Kota Banjarmasin', validUntil: day(400) }]);
    expect(published.images.map((image) => image.alt)).toEqual(['Amplang ditata di piring, difoto dengan iPhone', 'Amplang dalam kemasan plastik bening']);
    const [fromHeic, fromJpeg] = await Promise.all(published.images.map(async (image) => sharp(await media(image.largeUrl)).metadata()));
    expect({ format: fromHeic?.format, width: fromHeic?.width, height: fromHeic?.height, exif: fromHeic?.exif }).toEqual({ format: 'webp', width: 640, height: 480, exif: undefined });
    expect({ format: fromJpeg?.format, exif: fromJpeg?.exif, xmp: fromJpeg?.xmp }).toEqual({ format: 'webp', exif: undefined, xmp: undefined });
    expect(Math.max(fromJpeg?.width ?? 0, fromJpeg?.height ?? 0)).toBeLessThanOrEqual(1200);

    // Deleting a photo asks once more, then it is gone from the shop too.
    await page.getByRole('button', { name: 'Hapus foto 2' }).click();
    await page.getByText('Hapus foto 2 dari produk ini?').waitFor();
    await check(page, 'photo-delete-confirm');
    await page.getByRole('button', { name: 'Ya, hapus' }).click();
    await page.getByText('Foto dihapus.').waitFor();
    await expect(page.getByRole('img', { name: 'Amplang dalam kemasan plastik bening' }).count()).resolves.toBe(0);
    const after = (await request(t.http).get(`/api/v1/products/${slug}`).expect(200)).body as ProductDetailView;
    expect(after.images.map((image) => image.alt)).toEqual(['Amplang ditata di piring, difoto dengan iPhone']);
    expect(errors.filter((error) => !error.startsWith('Failed to load resource:'))).toEqual([]);
    await close();

    // Another facility's admin: not counted, not listed, and the product's address says "not found".
    const other = await phonePage();
    await other.page.goto(`${base}/admin`);
    await signIn(other.page, adminB);
    await other.page.getByRole('heading', { level: 1, name: 'Hari ini' }).waitFor();
    await other.page.locator('.card', { hasText: 'Izin pangan segera habis' }).getByText('0', { exact: true }).waitFor();
    await other.page.goto(`${base}/admin/produk?stockAtMost=3`);
    await other.page.getByText('Tas Lain Sisa Satu').waitFor();
    await expect(other.page.getByText('Sapu Ijuk Sisa Dua').count()).resolves.toBe(0);
    await other.page.goto(`${base}/admin/produk/${productId}`);
    await other.page.getByText('Data tidak ditemukan.').waitFor();
    await expect(other.page.getByRole('img', { name: 'Amplang dalam kemasan plastik bening' }).count()).resolves.toBe(0);
    await check(other.page, 'other-facility');
    await other.close();
  }, 300_000);

  it('keeps the list of the last search sent when an earlier search answers after it (a slow connection)', async () => {
    const { page, errors, close } = await phonePage();
    await page.goto(`${base}/admin`);
    await signIn(page, adminA);
    await page.getByRole('heading', { level: 1, name: 'Hari ini' }).waitFor();
    await page.goto(`${base}/admin/produk`);
    await page.getByText('Keset Sabut Banyak').waitFor();
    // The answer to the first search is held until the second search's list is on the screen.
    const isFirstSearch = (url: URL): boolean => url.pathname === '/api/v1/admin/products' && url.searchParams.get('q') === 'Sapu';
    const release = await holdAnswers(page, isFirstSearch);
    const search = async (words: string): Promise<void> => {
      await page.getByLabel('Cari nama produk').fill(words);
      await page.getByRole('button', { name: 'Cari', exact: true }).click();
    };
    await search('Sapu');
    await search('Keset');
    await page.getByRole('listitem').filter({ hasText: 'Keset Sabut Banyak' }).waitFor();
    const lateAnswer = page.waitForResponse((response) => isFirstSearch(new URL(response.url())));
    release();
    await lateAnswer;
    // Let the late answer reach the screen, had it been allowed to.
    await page.evaluate(() => new Promise((done) => setTimeout(done, 300)));
    await expect(page.getByText('Sapu Ijuk Sisa Dua').count()).resolves.toBe(0);
    await expect(page.getByRole('listitem').filter({ hasText: 'Keset Sabut Banyak' }).count()).resolves.toBe(1);
    expect(errors.filter((error) => !error.startsWith('Failed to load resource:'))).toEqual([]);
    await close();
  }, 120_000);
});
