import { expectScreenFits, openPhone, submitSignIn, type Phone } from './support/console-phone';
import { type Browser, type Page } from 'playwright-core';
import request from 'supertest';
import { findFreePort } from '../src/database/free-port';
import type { Facility } from '../src/facilities/facility.entity';
import { launchChromium, loadAxeSource } from './support/browser';
import { kanwilId, login, makeFacility, makeUser, type MadeUser } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

const NEW_ADMIN_PASSWORD = 'purun-anyaman-kotabaru';

describe('facility and user management in the console (chromium, 360x800)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let axeSource: string;
  let kalselRegional: MadeUser;
  let baliRegional: MadeUser;
  let baliFacility: Facility;

  beforeAll(async () => {
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_BASE_URL: base, WEB_BASE_URL: base });
    await t.app.listen(port, '127.0.0.1');
    await makeFacility(t.dataSource, { name: 'Lapas Kelas IIA Banjarmasin Uji', shortName: 'Lapas Banjarmasin Uji' });
    baliFacility = await makeFacility(t.dataSource, { provinceCode: '51', city: 'Denpasar', name: 'Lapas Kelas IIA Kerobokan Uji', shortName: 'Lapas Kerobokan Uji' });
    kalselRegional = await makeUser(t.dataSource, 'REGIONAL_ADMIN', { kanwilId: await kanwilId(t.dataSource, 'kalsel') }, { name: 'Rina Kanwil Kalsel' });
    baliRegional = await makeUser(t.dataSource, 'REGIONAL_ADMIN', { kanwilId: await kanwilId(t.dataSource, 'bali') }, { name: 'Made Kanwil Bali' });
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

  /** axe-core on the screen as it is, no horizontal scrolling at 360 px, targets of 44 px, and a screenshot. */
  async function check(page: Page, name: string): Promise<void> {
    await expectScreenFits(page, axeSource, name, `console-manage-${name}`);
    // The test's TypeScript has no DOM types: the little it reads, described here.
    interface Box {
      outerHTML: string;
      getBoundingClientRect: () => { width: number; height: number };
    }
    interface Doc {
      querySelectorAll: (selector: string) => Iterable<Box>;
    }
    const layout = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: Doc }).document;
      const small = [...doc.querySelectorAll('main a, main button, main input, main select, main textarea')]
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && box.height < 44)
        .map(({ element }) => element.outerHTML.slice(0, 80));
      return { small };
    });
    expect({ screen: name, smallTargets: layout.small }).toEqual({ screen: name, smallTargets: [] });
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${base}/admin`);
    await submitSignIn(page, email, password);
    await page.getByRole('heading', { level: 1, name: 'Hari ini' }).waitFor();
  }

  it('a Kalsel regional admin adds a facility and its admin; the new admin sees only that facility; Bali and facility admins are kept out', async () => {
    const { page, errors, close } = await phonePage();
    await signIn(page, kalselRegional.email, kalselRegional.password);

    // The management screens sit under "Lainnya".
    await page.getByText('Lainnya', { exact: true }).click();
    await page.getByRole('link', { name: 'Unit', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Unit' }).waitFor();
    await page.getByText('Lapas Kelas IIA Banjarmasin Uji').waitFor();
    // Another Kanwil's facility is not in the list.
    await expect(page.getByText(baliFacility.name).count()).resolves.toBe(0);
    await check(page, 'facilities');

    await page.getByRole('link', { name: 'Tambah unit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Unit baru' }).waitFor();
    await page.getByLabel('Nama resmi unit').fill('Lapas Kelas III Kotabaru');
    await page.getByLabel('Nama singkat').fill('Lapas Kotabaru');
    await page.getByLabel('Kelas', { exact: true }).selectOption('III');
    await page.getByLabel('Provinsi').selectOption('63');
    // A regional admin is offered the provinces of its own Kanwil only.
    const provinces = await page.getByLabel('Provinsi').locator('option').allTextContents();
    expect(provinces).toContain('Kalimantan Selatan');
    expect(provinces.filter((text) => text.includes('Bali'))).toEqual([]);
    await page.getByLabel('Alamat').fill('Jl. Berangas No. 2');
    await page.getByLabel('Kota atau kabupaten').fill('Kotabaru');
    await page.getByLabel('Kode pos').fill('721');
    await page.getByLabel('Email unit').fill('bukan-email');
    await page.getByRole('button', { name: 'Simpan' }).click();
    // The API's field errors, each beside its field, in Indonesian; nothing typed is lost.
    await page.getByText('Kode pos 5 angka.').waitFor();
    await page.getByText('Tulis alamat email yang benar, misalnya nama@contoh.go.id.').waitFor();
    await expect(page.getByLabel('Kode pos').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Nama resmi unit').inputValue()).resolves.toBe('Lapas Kelas III Kotabaru');
    await check(page, 'facility-form-error');

    // The draft survives a reload.
    await page.reload();
    await page.getByText('Isian yang belum tersimpan dipulihkan dari ponsel ini.').waitFor();
    await expect(page.getByLabel('Nama singkat').inputValue()).resolves.toBe('Lapas Kotabaru');
    await page.getByLabel('Kode pos').fill('72111');
    await page.getByLabel('Email unit').fill('humas@lapaskotabaru.go.id');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL(/\/admin\/unit\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Ubah unit' }).waitFor();
    const facilityId = page.url().split('/').pop() ?? '';
    // These links come with the saved facility, read back from the API.
    await page.getByRole('link', { name: 'Tambah admin unit ini' }).waitFor();
    await expect(page.getByLabel('Kota atau kabupaten').inputValue()).resolves.toBe('Kotabaru');
    await check(page, 'facility-edit');

    await page.getByRole('link', { name: 'Tambah admin unit ini' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pengguna baru' }).waitFor();
    // A regional admin may create facility admins only; the facility comes chosen (once both lists have come).
    await page.getByLabel('Unit', { exact: true }).locator('option', { hasText: 'Lapas Kelas III Kotabaru' }).waitFor({ state: 'attached' });
    await expect(page.getByLabel('Peran').locator('option').allTextContents()).resolves.toEqual(['Admin unit']);
    await expect(page.getByLabel('Unit', { exact: true }).inputValue()).resolves.toBe(facilityId);
    await page.getByLabel('Nama lengkap').fill('Siti Aminah');
    const email = `siti.kotabaru.${Date.now().toString(36)}@example.test`;
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Kata sandi awal').fill('pendek');
    await page.getByRole('button', { name: 'Buat akun' }).click();
    await page.getByText('Kata sandi paling sedikit 12 huruf.').waitFor();
    await expect(page.getByLabel('Kata sandi awal').getAttribute('aria-invalid')).resolves.toBe('true');
    await check(page, 'user-form-error');

    // The draft keeps name and email, never the password.
    await page.reload();
    await page.getByText('Isian yang belum tersimpan dipulihkan dari ponsel ini.').waitFor();
    await expect(page.getByLabel('Nama lengkap').inputValue()).resolves.toBe('Siti Aminah');
    await expect(page.getByLabel('Kata sandi awal').inputValue()).resolves.toBe('');
    const stored = await page.evaluate(() => JSON.stringify({ ...(globalThis as unknown as { localStorage: Storage }).localStorage }));
    expect(stored).not.toContain('pendek');
    await page.getByLabel('Kata sandi awal').fill(NEW_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Buat akun' }).click();
    await page.waitForURL(/\/admin\/pengguna\/[0-9a-f-]{36}\?baru=1$/);
    await page.getByText('Akun dibuat. Pemiliknya sudah bisa masuk dengan kata sandi awal.').waitFor();
    await page.getByText('Lapas Kelas III Kotabaru', { exact: true }).waitFor();
    const userId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await check(page, 'user-edit');

    // Deactivate and reactivate; a new password shorter than the rule is refused beside its field.
    await page.getByRole('button', { name: 'Nonaktifkan akun' }).click();
    await page.getByText('Akun dinonaktifkan.').waitFor();
    await page.getByRole('button', { name: 'Aktifkan kembali' }).click();
    await page.getByText('Akun aktif kembali.').waitFor();
    await page.getByLabel('Kata sandi baru').fill('pendek');
    await page.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
    await page.getByText('Kata sandi paling sedikit 12 huruf.').waitFor();
    await expect(page.getByLabel('Kata sandi baru').getAttribute('aria-invalid')).resolves.toBe('true');

    await page.getByRole('link', { name: 'Kembali ke daftar pengguna' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pengguna' }).waitFor();
    await page.getByText(email).waitFor();
    await check(page, 'users');
    expect(errors.filter((error) => !error.startsWith('Failed to load resource:'))).toEqual([]);
    await close();

    // The new facility admin signs in and sees its own facility only; the management screens are not for it.
    const newAdmin = await phonePage();
    await signIn(newAdmin.page, email, NEW_ADMIN_PASSWORD);
    await expect(newAdmin.page.getByRole('link', { name: 'Pengguna', exact: true }).count()).resolves.toBe(0);
    await expect(newAdmin.page.getByRole('link', { name: 'Unit', exact: true }).count()).resolves.toBe(0);
    const tokens = await login(t.http, email, NEW_ADMIN_PASSWORD);
    const seen = await request(t.http).get('/api/v1/admin/facilities').set('Authorization', `Bearer ${tokens.accessToken}`).expect(200);
    expect((seen.body as { data: { id: string }[] }).data.map((facility) => facility.id)).toEqual([facilityId]);
    await newAdmin.page.goto(`${base}/admin/pengguna`);
    await newAdmin.page.getByRole('heading', { level: 1, name: 'Halaman ini bukan untuk akun Anda' }).waitFor();
    await expect(newAdmin.page.locator('main').textContent()).resolves.not.toMatch(/[{}]|FORBIDDEN/);
    await check(newAdmin.page, 'refusal');
    await newAdmin.page.goto(`${base}/admin/unit/${facilityId}`);
    await newAdmin.page.getByRole('heading', { level: 1, name: 'Halaman ini bukan untuk akun Anda' }).waitFor();
    expect(newAdmin.errors).toEqual([]);
    await newAdmin.close();

    // Bali's regional admin cannot open Kalsel's new facility or its admin: not found, as if they did not exist.
    const bali = await phonePage();
    await signIn(bali.page, baliRegional.email, baliRegional.password);
    await bali.page.goto(`${base}/admin/unit/${facilityId}`);
    await bali.page.getByText('Data tidak ditemukan.').waitFor();
    await expect(bali.page.getByLabel('Nama resmi unit').count()).resolves.toBe(0);
    await check(bali.page, 'facility-not-found');
    await bali.page.goto(`${base}/admin/pengguna/${userId}`);
    await bali.page.getByText('Data tidak ditemukan.').waitFor();
    await bali.page.goto(`${base}/admin/unit`);
    await bali.page.getByText(baliFacility.name).waitFor();
    await expect(bali.page.getByText('Lapas Kelas III Kotabaru').count()).resolves.toBe(0);
    await bali.close();
  }, 120_000);

  it('a superadmin sees every Kanwil\'s facilities and creates a regional admin for Bali; a taken email is said beside its field', async () => {
    const superadmin = await makeUser(t.dataSource, 'SUPERADMIN', {}, { name: 'Admin Pusat' });
    const { page, errors, close } = await phonePage();
    await signIn(page, superadmin.email, superadmin.password);
    await page.goto(`${base}/admin/unit?jenis=LAPAS`);
    await page.getByText(baliFacility.name).waitFor();
    await page.getByText('Lapas Kelas IIA Banjarmasin Uji').waitFor();
    await expect(page.getByLabel('Jenis unit').inputValue()).resolves.toBe('LAPAS');

    await page.goto(`${base}/admin/pengguna/baru`);
    await page.getByRole('heading', { level: 1, name: 'Pengguna baru' }).waitFor();
    await page.getByLabel('Peran').locator('option', { hasText: 'Admin unit' }).waitFor({ state: 'attached' });
    await expect(page.getByLabel('Peran').locator('option').allTextContents()).resolves.toEqual(['Pilih…', 'Admin pusat', 'Admin Kanwil', 'Admin unit']);
    await page.getByLabel('Peran').selectOption('REGIONAL_ADMIN');
    const [bali] = await t.dataSource.query<{ id: string; name: string }[]>("SELECT id, name FROM kanwil WHERE code = 'bali'");
    await page.getByLabel('Kanwil').selectOption(bali?.id ?? '');
    await page.getByLabel('Nama lengkap').fill('Ketut Humas Bali');
    // Someone already has this address (in another letter case): 409, shown at the email field.
    await page.getByLabel('Email').fill(baliRegional.email.toUpperCase());
    await page.getByLabel('Kata sandi awal').fill(NEW_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Buat akun' }).click();
    await page.getByText('Email ini sudah dipakai akun lain.').waitFor();
    await expect(page.getByLabel('Email').getAttribute('aria-invalid')).resolves.toBe('true');
    await check(page, 'user-new-superadmin');

    await page.getByLabel('Email').fill(`ketut.${Date.now().toString(36)}@example.test`);
    await page.getByRole('button', { name: 'Buat akun' }).click();
    await page.getByText('Akun dibuat. Pemiliknya sudah bisa masuk dengan kata sandi awal.').waitFor();
    await page.getByText('Admin Kanwil', { exact: true }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const [row] = await t.dataSource.query<{ role: string; kanwil_id: string }[]>('SELECT role, kanwil_id FROM app_user WHERE id = $1', [id]);
    expect(row).toEqual({ role: 'REGIONAL_ADMIN', kanwil_id: bali?.id });
    expect(errors.filter((error) => !error.startsWith('Failed to load resource:'))).toEqual([]);
    await close();
  }, 120_000);
});
