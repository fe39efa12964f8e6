import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { makeProduct } from './support/catalog-factories';
import { makeShowcaseData, type ShowcaseData } from './support/showcase-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

const SITE = 'https://etalase.example.id';

interface CartSession {
  cookie: string;
  csrf: string;
  idempotencyKey: string;
}

/** A field's value in the page, by its name. */
function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  return tag ? /value="([^"]*)"/.exec(tag)?.[1] : undefined;
}

describe('the showcase cart, checkout and order page', () => {
  let t: TestApp;
  let data: ShowcaseData;

  beforeAll(async () => {
    t = await startTestApp({ WEB_BASE_URL: SITE, CHECKOUT_MAX_UNPAID_PER_EMAIL: '50', CHECKOUT_MAX_UNPAID_PER_IP: '50', CHECKOUT_MAX_ATTEMPTS_PER_IP: '100' });
    data = await makeShowcaseData(t.app, t.dataSource);
  });

  afterAll(async () => {
    await t?.close();
  });

  async function addToCart(slug: string, quantity: number, path = '/keranjang', cookie?: string): Promise<CartSession> {
    const added = await request(t.http)
      .post(path)
      .set(cookie ? { Cookie: cookie } : {})
      .type('form')
      .send({ slug, quantity: String(quantity) })
      .expect(303);
    expect(added.headers.location).toBe(path);
    const setCookie = String(added.headers['set-cookie']);
    expect(setCookie).toMatch(/^etalase_cart=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax; Secure/);
    const pair = setCookie.split(';')[0];
    const page = await request(t.http).get(path).set('Cookie', pair).expect(200);
    return { cookie: pair, csrf: inputValue(page.text, 'csrf') ?? '', idempotencyKey: inputValue(page.text, 'idempotencyKey') ?? '' };
  }

  const CUSTOMER = { name: 'Siti Rahmawati', email: 'siti@example.com', phone: '+62 812 3456 7890', method: 'PICKUP' };

  function checkout(session: CartSession, fields: Record<string, string>, path = '/bayar'): request.Test {
    return request(t.http)
      .post(path)
      .set('Cookie', session.cookie)
      .type('form')
      .send({ csrf: session.csrf, idempotencyKey: session.idempotencyKey, ...fields });
  }

  async function orderCount(): Promise<number> {
    const [{ count }] = await t.dataSource.query<[{ count: string }]>('SELECT count(*)::text AS count FROM shop_order');
    return Number(count);
  }

  it('sets no cookie until something is added, and the product page has an add-to-cart form', async () => {
    const product = await request(t.http).get(`/produk/${data.sasirangan.slug}`).expect(200);
    expect(product.headers['set-cookie']).toBeUndefined();
    expect(product.text).toContain('action="/keranjang"');
    expect(product.text).toContain('Masukkan keranjang');
    const empty = await request(t.http).get('/keranjang').expect(200);
    expect(empty.headers['set-cookie']).toBeUndefined();
    expect(empty.headers['cache-control']).toBe('no-store');
    expect(empty.text).toContain('Keranjang Anda masih kosong');
  });

  it('adds to the cart and shows the line with its price', async () => {
    const session = await addToCart(data.sasirangan.slug, 2);
    const page = await request(t.http).get('/keranjang').set('Cookie', session.cookie).expect(200);
    expect(page.text).toContain(data.sasirangan.name);
    expect(page.text).toContain(`Rp${(data.sasirangan.price * 2).toLocaleString('id-ID')}`);
    expect(page.text).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(session.csrf).not.toBe('');
  });

  it('places an order with the manual provider and shows its status page with the payment instructions', async () => {
    const session = await addToCart(data.sasirangan.slug, 1);
    const before = await orderCount();
    const placed = await checkout(session, CUSTOMER).expect(303);
    expect(placed.headers.location).toMatch(/^\/pesanan\/ETL-\d{4}-\d+\?token=.+/);
    expect(String(placed.headers['set-cookie'])).toContain('etalase_cart=; Max-Age=0');
    expect(await orderCount()).toBe(before + 1);
    const status = await request(t.http).get(placed.headers.location).expect(200);
    expect(status.headers['cache-control']).toBe('no-store');
    expect(status.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(status.text).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(status.text).not.toContain('rel="canonical"');
    expect(status.text).toContain('Menunggu pembayaran');
    expect(status.text).toContain(data.sasirangan.name);
    const amount = `Rp${data.sasirangan.price.toLocaleString('id-ID')}`;
    expect(status.text).toContain(`Transfer tepat ${amount}`);
    // In the selling facility's own time: Banjarmasin (Kalimantan Selatan) is on WITA, UTC+8.
    const number = /^\/pesanan\/([^?]+)/.exec(placed.headers.location)?.[1];
    const [{ expires_at: expiresAt }] = await t.dataSource.query<[{ expires_at: Date }]>('SELECT expires_at FROM shop_order WHERE number = $1', [number]);
    const wita = new Date(expiresAt.getTime() + 8 * 3600_000);
    const clock = `${String(wita.getUTCHours()).padStart(2, '0')}.${String(wita.getUTCMinutes()).padStart(2, '0')}`;
    expect(status.text).toMatch(new RegExp(`Bayar sebelum ${wita.getUTCDate()} \\w+ ${wita.getUTCFullYear()}, ${clock} WITA\\.`));
  });

  it('keeps what was typed and says what is wrong next to the field', async () => {
    const session = await addToCart(data.sasirangan.slug, 1);
    const before = await orderCount();
    const refused = await checkout(session, { ...CUSTOMER, email: 'bukan-email', name: 'Budi Santoso' }).expect(422);
    expect(await orderCount()).toBe(before);
    expect(inputValue(refused.text, 'email')).toBe('bukan-email');
    expect(inputValue(refused.text, 'name')).toBe('Budi Santoso');
    expect(inputValue(refused.text, 'phone')).toBe(CUSTOMER.phone);
    expect(refused.text).toMatch(/id="f-email"[^>]*aria-invalid="true"[^>]*aria-describedby="f-email-error"/);
    expect(refused.text).toContain('<span class="error" id="f-email-error">Tulis alamat email yang benar');
    const english = await checkout(session, { ...CUSTOMER, phone: 'x', method: 'SHIPPING', postalCode: '123' }, '/en/checkout').expect(422);
    expect(english.text).toContain('Enter a valid phone number');
    expect(english.text).toContain('id="f-postalCode-error">A postal code has five digits.');
    expect(english.text).toContain('id="f-city-error">Required.');
    expect(inputValue(english.text, 'postalCode')).toBe('123');
  });

  it('says clearly when there is not enough stock', async () => {
    const session = await addToCart(data.sasirangan.slug, 50);
    const before = await orderCount();
    const refused = await checkout(session, CUSTOMER).expect(409);
    expect(refused.text).toContain('stok salah satu produk tidak mencukupi');
    expect(inputValue(refused.text, 'name')).toBe(CUSTOMER.name);
    expect(await orderCount()).toBe(before);
  });

  it('refuses a checkout without the cart\'s CSRF token, and an add to cart from another site', async () => {
    const session = await addToCart(data.sasirangan.slug, 1);
    const other = await addToCart(data.sasirangan.slug, 1);
    const before = await orderCount();
    await checkout({ ...session, csrf: other.csrf }, CUSTOMER).expect(403);
    await checkout({ ...session, csrf: '' }, CUSTOMER).expect(403);
    await request(t.http).post('/bayar').type('form').send({ csrf: session.csrf, idempotencyKey: session.idempotencyKey, ...CUSTOMER }).expect(403);
    expect(await orderCount()).toBe(before);
    await request(t.http).post('/keranjang').set('Origin', 'https://evil.example').type('form').send({ slug: data.sasirangan.slug }).expect(403);
    await request(t.http).post('/keranjang').set('Sec-Fetch-Site', 'cross-site').type('form').send({ slug: data.sasirangan.slug }).expect(403);
    await request(t.http).post('/keranjang').set('Origin', SITE).set('Sec-Fetch-Site', 'same-origin').type('form').send({ slug: data.sasirangan.slug }).expect(303);
  });

  it('answers a form too large to read with a 413 page in the page\'s language, not a server error', async () => {
    const before = await orderCount();
    const huge = { slug: data.sasirangan.slug, quantity: '1', note: 'x'.repeat(20_000) };
    const indonesian = await request(t.http).post('/keranjang').type('form').send(huge).expect(413);
    expect(indonesian.headers['content-type']).toMatch(/^text\/html/);
    expect(indonesian.text).toContain('Permintaan tidak dapat diproses');
    const english = await request(t.http).post('/en/cart').type('form').send(huge).expect(413);
    expect(english.text).toContain('This request cannot be processed');
    expect(await orderCount()).toBe(before);
  });

  it('makes one order of a double submit', async () => {
    const session = await addToCart(data.sasirangan.slug, 1);
    const before = await orderCount();
    const [first, second] = await Promise.all([checkout(session, CUSTOMER), checkout(session, CUSTOMER)]);
    const third = await checkout(session, CUSTOMER);
    const answers = [first, second, third];
    // A duplicate still in flight may be told to wait (CONFLICT); none makes a second order.
    const redirects = answers.filter((answer) => answer.status === 303).map((answer) => answer.headers.location);
    expect(redirects.length).toBeGreaterThanOrEqual(2);
    expect(new Set(redirects).size).toBe(1);
    expect(await orderCount()).toBe(before + 1);
  });

  it('answers 404 for an order page with a wrong or missing token', async () => {
    const session = await addToCart(data.sasirangan.slug, 1);
    const placed = await checkout(session, CUSTOMER).expect(303);
    const [path] = (placed.headers.location).split('?');
    const wrong = await request(t.http).get(`${path}?token=not-the-token`).expect(404);
    expect(wrong.headers['cache-control']).toBe('no-store');
    expect(wrong.text).toContain('Halaman tidak ditemukan');
    await request(t.http).get(path).expect(404);
    await request(t.http).get('/pesanan/not-a-number?token=x').expect(404);
    const english = await request(t.http).get((placed.headers.location).replace('/pesanan/', '/en/orders/')).expect(200);
    expect(english.text).toContain('Awaiting payment');
  });

  describe('editing the cart (plain forms, JavaScript off)', () => {
    function edit(session: CartSession, fields: Record<string, string>, path = '/keranjang/ubah'): request.Test {
      return request(t.http).post(path).set('Cookie', session.cookie).type('form').send({ csrf: session.csrf, ...fields });
    }

    /** The cart cookie a redirect set, as a Cookie header pair. */
    function cookieOf(answer: request.Response): string {
      return String(answer.headers['set-cookie']).split(';')[0];
    }

    it('changes a quantity and removes a line, then shows the empty cart', async () => {
      const limited = await makeProduct(t.dataSource, data.banjarmasin, { name: 'Tas Purun Edisi Terbatas', stock: 6, maxPerOrder: 4 });
      const session = await addToCart(data.sasirangan.slug, 1);
      const both = await addToCart(limited.slug, 1, '/keranjang', session.cookie);
      const page = await request(t.http).get('/keranjang').set('Cookie', both.cookie).expect(200);
      expect(page.text).toContain('action="/keranjang/ubah"');
      expect(page.text).toContain(`<label for="q-${limited.id}" class="visually-hidden">Jumlah Tas Purun Edisi Terbatas</label>`);

      const changed = await edit(both, { productId: limited.id, quantity: '3', action: 'update' }).expect(303);
      expect(changed.headers.location).toBe('/keranjang?notice=updated');
      const afterChange = await request(t.http).get(changed.headers.location).set('Cookie', cookieOf(changed)).expect(200);
      expect(afterChange.text).toContain('Jumlah di keranjang sudah diubah.');
      expect(inputValue(afterChange.text, 'quantity')).toBe('1');
      expect(afterChange.text).toMatch(new RegExp(`id="q-${limited.id}"[^>]*value="3"`));
      expect(afterChange.text).toContain(`Rp${(limited.price * 3).toLocaleString('id-ID')}`);

      // The CSRF token is bound to the cart's id, which edits keep: the same token still works.
      const removed = await edit({ ...both, cookie: cookieOf(changed) }, { productId: data.sasirangan.id, quantity: '1', action: 'remove' }).expect(303);
      expect(removed.headers.location).toBe('/keranjang?notice=removed');
      const afterRemove = await request(t.http).get(removed.headers.location).set('Cookie', cookieOf(removed)).expect(200);
      expect(afterRemove.text).toContain('Produk sudah dihapus dari keranjang.');
      expect(afterRemove.text).not.toContain(data.sasirangan.name);

      const zero = await edit({ ...both, cookie: cookieOf(removed) }, { productId: limited.id, quantity: '0', action: 'update' }, '/en/cart/update').expect(303);
      expect(zero.headers.location).toBe('/en/cart?notice=removed');
      const empty = await request(t.http).get(zero.headers.location).set('Cookie', cookieOf(zero)).expect(200);
      expect(empty.text).toContain('The product was removed from your cart.');
      expect(empty.text).toContain('Your cart is empty.');
      expect(empty.text).not.toContain('<form method="post" action="/en/checkout"');
    });

    it('says next to the line when a quantity is over the stock or the limit per order, and keeps the cart as it was', async () => {
      const limited = await makeProduct(t.dataSource, data.banjarmasin, { name: 'Miniatur Kapal Kayu', stock: 6, maxPerOrder: 4 });
      const scarce = await makeProduct(t.dataSource, data.banjarmasin, { name: 'Sarung Tenun Langka', stock: 2 });
      const session = await addToCart(limited.slug, 1);
      const both = await addToCart(scarce.slug, 1, '/keranjang', session.cookie);

      const overLimit = await edit(both, { productId: limited.id, quantity: '5', action: 'update' }).expect(422);
      expect(overLimit.headers['set-cookie']).toBeUndefined();
      expect(overLimit.text).toContain('Jumlah belum diubah.');
      expect(overLimit.text).toContain(`<span class="error" id="q-${limited.id}-error">Maksimal 4 per pesanan.`);
      expect(overLimit.text).toMatch(new RegExp(`id="q-${limited.id}"[^>]*aria-invalid="true"[^>]*aria-describedby="q-${limited.id}-error"`));

      const overStock = await edit(both, { productId: scarce.id, quantity: '3', action: 'update' }).expect(422);
      expect(overStock.text).toContain(`<span class="error" id="q-${scarce.id}-error">Stok tinggal 2. Kurangi jumlahnya.</span>`);
      const english = await edit(both, { productId: scarce.id, quantity: 'lots', action: 'update' }, '/en/cart/update').expect(422);
      expect(english.text).toContain('Enter a number; 0 removes the product.');

      const unchanged = await request(t.http).get('/keranjang').set('Cookie', both.cookie).expect(200);
      expect(unchanged.text).toMatch(new RegExp(`id="q-${limited.id}"[^>]*value="1"`));
      expect(unchanged.text).toMatch(new RegExp(`id="q-${scarce.id}"[^>]*value="1"`));
    });

    it('follows the same CSRF rules as the checkout', async () => {
      const session = await addToCart(data.sasirangan.slug, 1);
      const other = await addToCart(data.sasirangan.slug, 1);
      const wrongToken = await edit({ ...session, csrf: other.csrf }, { productId: data.sasirangan.id, quantity: '2', action: 'update' }).expect(403);
      expect(wrongToken.headers['set-cookie']).toBeUndefined();
      expect(wrongToken.text).toContain('Halaman ini sudah kedaluwarsa');
      await request(t.http).post('/keranjang/ubah').type('form').send({ csrf: session.csrf, productId: data.sasirangan.id, quantity: '2' }).expect(403);
      await edit(session, { productId: data.sasirangan.id, quantity: '2', action: 'update' }).set('Origin', 'https://evil.example').expect(403);
      await edit(session, { productId: data.sasirangan.id, quantity: '2', action: 'update' }).set('Sec-Fetch-Site', 'cross-site').expect(403);
      const cart = await request(t.http).get('/keranjang').set('Cookie', session.cookie).expect(200);
      expect(cart.text).toMatch(new RegExp(`id="q-${data.sasirangan.id}"[^>]*value="1"`));
    });

    it('shows the address fields with a note, and a nonce\'d script that hides them for pickup', async () => {
      const session = await addToCart(data.sasirangan.slug, 1);
      const page = await request(t.http).get('/keranjang').set('Cookie', session.cookie).expect(200);
      expect(page.text).toContain('Alamat hanya diperlukan bila pesanan dikirim.');
      expect(page.text).toContain('<fieldset id="address">');
      const nonce = /script-src 'nonce-([^']+)'/.exec(String(page.headers['content-security-policy']))?.[1];
      expect(nonce).toBeDefined();
      expect(page.text).toContain(`<script nonce="${nonce}">`);
      // Budgets (issue 15): HTML <= 50 KB, page JavaScript <= 30 KB compressed.
      expect(Buffer.byteLength(page.text)).toBeLessThanOrEqual(50 * 1024);
      const scripts = [...page.text.matchAll(/<script nonce="[^"]+">([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? '').join('');
      expect(gzipSync(scripts).length).toBeLessThanOrEqual(30 * 1024);
      // No card option without Stripe: bank transfer only, and form-action stays this site.
      expect(page.text).toContain('Pembayaran dengan transfer bank');
      expect(page.text).not.toContain('Kartu debit/kredit');
      expect(String(page.headers['content-security-policy'])).toContain("form-action 'self';");
    });
  });
});
