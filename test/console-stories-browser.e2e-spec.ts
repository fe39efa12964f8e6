import { expectScreenFits, openPhone, submitSignIn, type Phone } from './support/console-phone';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import request from 'supertest';
import { findFreePort } from '../src/database/free-port';
import type { Facility } from '../src/facilities/facility.entity';
import type { StoryView } from '../src/stories/story.views';
import { launchChromium, loadAxeSource, SCREENSHOTS } from './support/browser';
import { makeProduct } from './support/catalog-factories';
import { kanwilId, makeFacility, makeUser, type MadeUser } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 16's story path in a real browser at 360x800: a facility admin writes a story about a
 * maker who consented, with a live preview, and submits it; a Kanwil's Humas officer sends it back,
 * then approves it from the queue; the public sees it; another facility and another region do not.
 */
describe('stories in the admin console (chromium, 360x800)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let axeSource: string;
  let facilityA: Facility;
  let writer: MadeUser;
  let otherFacilityAdmin: MadeUser;
  let kalselOfficer: MadeUser;
  let baliOfficer: MadeUser;

  beforeAll(async () => {
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_BASE_URL: base, WEB_BASE_URL: base });
    await t.app.listen(port, '127.0.0.1');
    facilityA = await makeFacility(t.dataSource, { name: 'Lapas Kelas IIA Banjarmasin' }); // Kalimantan Selatan
    const facilityB = await makeFacility(t.dataSource, { name: 'Lapas Kelas IIB Kotabaru' });
    await makeProduct(t.dataSource, facilityA, { name: 'Roti Sobek Cokelat' });
    writer = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: facilityA }, { name: 'Dewi Lestari' });
    otherFacilityAdmin = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: facilityB }, { name: 'Agus Salim' });
    kalselOfficer = await makeUser(t.dataSource, 'REGIONAL_ADMIN', { kanwilId: await kanwilId(t.dataSource, 'kalsel') }, { name: 'Rahmat Hidayat' });
    baliOfficer = await makeUser(t.dataSource, 'REGIONAL_ADMIN', { kanwilId: await kanwilId(t.dataSource, 'bali') }, { name: 'Made Wirawan' });
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

  /** axe-core on the screen as it is, no horizontal scrolling at 360 px, and a screenshot for review. */
  function check(page: Page, name: string): Promise<void> {
    return expectScreenFits(page, axeSource, name, `console-${name}`);
  }

  async function signIn(page: Page, who: MadeUser): Promise<void> {
    await page.goto(`${base}/admin`);
    await submitSignIn(page, who.email, who.password);
    await page.getByRole('heading', { level: 1, name: 'Hari ini' }).waitFor();
  }

  async function openMore(page: Page, name: string): Promise<void> {
    await page.getByText('Lainnya', { exact: true }).click();
    await page.getByRole('link', { name, exact: true }).click();
  }

  const title = 'Pagi di Dapur Roti Banjarmasin';

  it('write with a live preview, submit with consent, sent back, approved from the queue, public; other facility and region see nothing', async () => {
    // --- The facility admin writes.
    const author = await phonePage();
    const { page } = author;
    await signIn(page, writer);
    await openMore(page, 'Cerita');
    await page.getByRole('heading', { level: 1, name: 'Cerita' }).waitFor();
    await page.getByText('Belum ada cerita di sini.').waitFor();
    await check(page, 'stories-empty');

    await page.getByRole('link', { name: 'Tulis cerita' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cerita baru' }).waitFor();
    await page.getByLabel('Judul').fill(title);
    await page.getByLabel('Isi cerita').fill('## Adonan pertama\n\nRoti **hangat** keluar dari oven pukul lima pagi.\n\n<script>window.hacked = true</script>');
    // The live preview: rendered by the server, in the public page's look, the script gone.
    const preview = page.getByRole('region', { name: 'Pratinjau (seperti di halaman publik)' });
    await preview.getByRole('heading', { name: 'Adonan pertama' }).waitFor();
    await preview.getByRole('heading', { name: title }).waitFor();
    await expect(preview.locator('strong').textContent()).resolves.toBe('hangat');
    await expect(preview.locator('script').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (globalThis as unknown as { hacked?: boolean }).hacked)).resolves.toBeUndefined();
    await page.getByLabel('Roti Sobek Cokelat').check();

    // The draft survives a reload (a dropped connection, a closed tab).
    await page.reload();
    await page.getByText('Isian yang belum tersimpan dipulihkan dari ponsel ini.').waitFor();
    await expect(page.getByLabel('Judul').inputValue()).resolves.toBe(title);
    await expect(page.getByLabel('Roti Sobek Cokelat').isChecked()).resolves.toBe(true);

    // About one maker, but no consent chosen: refused at submission, said beside the consent field.
    await page.getByLabel('Cerita ini tentang satu warga binaan').check();
    await page.getByRole('button', { name: 'Kirim untuk ditinjau' }).click();
    await page.waitForURL(/\/admin\/cerita\/[0-9a-f-]{36}$/);
    const storyId = page.url().split('/').pop() ?? '';
    await page.getByText('Draf tersimpan, tetapi belum bisa dikirim untuk ditinjau.').waitFor();
    await page.getByText('Cerita tentang satu warga binaan perlu persetujuannya').waitFor();
    await expect(page.getByLabel('Persetujuan (inisial atau nama samaran)').getAttribute('aria-invalid')).resolves.toBe('true');
    await check(page, 'story-consent-required');

    // The officer records the maker's consent (initials only) and it is chosen.
    await page.getByText('Catat persetujuan baru').click();
    await page.getByLabel('Inisial atau nama samaran', { exact: true }).fill('A.R.');
    await page.getByLabel('Dicatat oleh petugas').fill('Budi S., Kasi Giatja');
    await page.getByRole('button', { name: 'Simpan persetujuan' }).click();
    await page.getByText('Persetujuan tersimpan dan dipilih.').waitFor();
    await expect(page.getByText('Cerita tentang satu warga binaan perlu persetujuannya').count()).resolves.toBe(0);
    await preview.getByText('Bersama A.R.').waitFor();

    // A cover photo, described.
    const cover = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#a5673a' } }).jpeg().toBuffer();
    await page.getByLabel('Ambil atau pilih foto sampul').setInputFiles({ name: 'oven.jpg', mimeType: 'image/jpeg', buffer: cover });
    await page.getByLabel('Keterangan foto sampul').fill('Oven roti dengan nampan berisi roti sobek');
    await page.getByRole('button', { name: 'Unggah sampul' }).click();
    await page.getByText('Foto sampul tersimpan.').waitFor();
    await check(page, 'story-editor');

    await page.getByRole('button', { name: 'Kirim untuk ditinjau' }).click();
    await page.getByText('Cerita terkirim ke Humas untuk ditinjau.').waitFor();
    await page.getByText('Menunggu tinjauan', { exact: true }).waitFor();

    // --- Another facility's admin: not listed, its address is "not found", no review menu.
    const other = await phonePage();
    await signIn(other.page, otherFacilityAdmin);
    await other.page.getByText('Lainnya', { exact: true }).click();
    await expect(other.page.getByRole('link', { name: 'Tinjauan cerita' }).count()).resolves.toBe(0);
    await other.page.getByRole('link', { name: 'Cerita', exact: true }).click();
    await other.page.getByText('Belum ada cerita di sini.').waitFor();
    await expect(other.page.getByText(title).count()).resolves.toBe(0);
    await other.page.goto(`${base}/admin/cerita/${storyId}`);
    await other.page.getByText('Data tidak ditemukan.').waitFor();
    await expect(other.page.getByLabel('Judul').count()).resolves.toBe(0);
    await check(other.page, 'story-not-found');
    await other.page.goto(`${base}/admin/tinjauan/${storyId}`);
    await other.page.getByRole('heading', { name: 'Halaman ini bukan untuk akun Anda' }).waitFor();
    await expect(other.page.getByRole('button', { name: 'Setujui dan tayangkan' }).count()).resolves.toBe(0);
    await check(other.page, 'review-forbidden');
    await other.close();

    // --- Another region's officer cannot review it.
    const bali = await phonePage();
    await signIn(bali.page, baliOfficer);
    await openMore(bali.page, 'Tinjauan cerita');
    await bali.page.getByText('Tidak ada cerita yang menunggu tinjauan.').waitFor();
    await bali.page.goto(`${base}/admin/tinjauan/${storyId}`);
    await bali.page.getByText('Data tidak ditemukan.').waitFor();
    await expect(bali.page.getByRole('button', { name: 'Setujui dan tayangkan' }).count()).resolves.toBe(0);
    await bali.close();

    // --- The Kanwil's Humas officer: the home card, the queue, the story as it will be published.
    const humas = await phonePage();
    await signIn(humas.page, kalselOfficer);
    const waitingCard = humas.page.getByRole('listitem').filter({ has: humas.page.getByRole('heading', { name: 'Cerita menunggu tinjauan' }) });
    await waitingCard.getByText('1', { exact: true }).waitFor();
    await check(humas.page, 'home-reviewer');
    await openMore(humas.page, 'Tinjauan cerita');
    await humas.page.getByRole('heading', { level: 1, name: 'Tinjauan cerita' }).waitFor();
    await check(humas.page, 'review-queue');
    await humas.page.getByRole('link', { name: new RegExp(title) }).click();
    await humas.page.getByRole('heading', { level: 1, name: 'Tinjau cerita' }).waitFor();
    await humas.page.getByRole('heading', { name: 'Adonan pertama' }).waitFor();
    await humas.page.getByText('Dari Lapas Kelas IIA Banjarmasin · 1 menit membaca').waitFor();
    await humas.page.getByText('Bersama A.R.').waitFor();
    await humas.page.getByRole('img', { name: 'Oven roti dengan nampan berisi roti sobek' }).waitFor();
    await humas.page.getByText('Roti Sobek Cokelat').waitFor();
    // Sending back needs a comment.
    await humas.page.getByRole('button', { name: 'Kembalikan dengan catatan' }).click();
    await humas.page.getByText('Catatan wajib diisi, 3 sampai 1.000 huruf.').waitFor();
    await check(humas.page, 'review');
    await humas.page.getByLabel('Catatan untuk penulis').fill('Mohon tambahkan ringkasan satu kalimat.');
    await humas.page.getByRole('button', { name: 'Kembalikan dengan catatan' }).click();
    await humas.page.getByText('Cerita dikembalikan ke penulis dengan catatan Anda.').waitFor();

    // --- The author sees the comment in the list and on the story, fixes it, submits again.
    await page.goto(`${base}/admin`);
    const sentBackCard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Cerita dikembalikan' }) });
    await sentBackCard.getByText('1', { exact: true }).waitFor();
    await sentBackCard.getByRole('link', { name: 'Lihat cerita' }).click();
    await page.getByText('Catatan peninjau: Mohon tambahkan ringkasan satu kalimat.').waitFor();
    await check(page, 'stories-sent-back');
    await page.getByRole('link', { name: new RegExp(title) }).click();
    await page.getByRole('heading', { name: 'Catatan peninjau' }).waitFor();
    await page.getByText('Mohon tambahkan ringkasan satu kalimat.').waitFor();
    await page.getByLabel('Ringkasan').fill('Dapur roti Lapas Banjarmasin mulai bekerja sebelum subuh.');
    await page.getByRole('button', { name: 'Kirim untuk ditinjau' }).click();
    await page.getByText('Cerita terkirim ke Humas untuk ditinjau.').waitFor();
    await expect(page.getByRole('heading', { name: 'Catatan peninjau' }).count()).resolves.toBe(0);

    // --- Approved from the queue.
    await humas.page.goto(`${base}/admin/tinjauan`);
    await humas.page.getByRole('link', { name: new RegExp(title) }).click();
    await humas.page.getByText('Dapur roti Lapas Banjarmasin mulai bekerja sebelum subuh.').waitFor();
    await humas.page.getByRole('button', { name: 'Setujui dan tayangkan' }).click();
    await humas.page.getByText('Cerita disetujui dan sudah tayang.').waitFor();
    await check(humas.page, 'review-approved');
    await humas.page.goto(`${base}/admin/tinjauan`);
    await humas.page.getByText('Tidak ada cerita yang menunggu tinjauan.').waitFor();

    // --- The public sees it, with the maker by initials and no script.
    const slug = (await t.dataSource.query<{ slug: string }[]>('SELECT slug FROM story WHERE id = $1', [storyId]))[0]?.slug ?? '';
    const shown = (await request(t.http).get(`/api/v1/stories/${slug}`).expect(200)).body as StoryView;
    expect(shown).toMatchObject({ title, excerpt: 'Dapur roti Lapas Banjarmasin mulai bekerja sebelum subuh.', maker: { displayName: 'A.R.', nameKind: 'INITIALS' } });
    expect(shown.html).toContain('<h2>Adonan pertama</h2>');
    expect(shown.html).not.toContain('script');
    await page.goto(`${base}/cerita/${slug}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'console-story-public-360.png'), fullPage: true });

    // --- Published, the story's screen offers its share kit: three pictures and a caption naming it.
    await page.goto(`${base}/admin/cerita/${storyId}`);
    await page.getByRole('heading', { level: 2, name: 'Bagikan' }).waitFor();
    const caption = page.getByLabel('Teks untuk dibagikan');
    await caption.waitFor();
    await expect(caption.inputValue()).resolves.toContain(title);
    await expect(page.locator('.share-images img').count()).resolves.toBe(3);
    await page.getByRole('heading', { level: 2, name: 'Bagikan' }).scrollIntoViewIfNeeded();
    await check(page, 'story-share');

    // The only failed request is the refused submit (409 CONSENT_REQUIRED), which the screen explained.
    expect({ author: author.errors, humas: humas.errors }).toEqual({ author: ['Failed to load resource: the server responded with a status of 409 (Conflict)'], humas: [] });
    await humas.close();
    await author.close();
  }, 300_000);
});
