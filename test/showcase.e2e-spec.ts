import sharp from 'sharp';
import request from 'supertest';
import type { ProductView } from '../src/catalog/product.views';
import type { FacilityView } from '../src/facilities/facility.views';
import type { StoryCardView } from '../src/facilities/story-card.view';
import { makeProduct } from './support/catalog-factories';
import { makeFacility } from './support/factories';
import { ldOf, metaOf, parsePage, type ParsedPage } from './support/html';
import { MediaService } from '../src/media/media.service';
import { ShowcasePagesService } from '../src/showcase/showcase-pages.service';
import { TIME_ZONES, timeZoneOfProvince } from '../src/showcase/i18n/time-zones';
import { makeShowcaseData } from './support/showcase-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

const SITE = 'https://etalase.example.id';
/** WEB.md's budget for a page's HTML, photos excluded. */
const HTML_BUDGET_BYTES = 50 * 1024;

interface Fetched {
  status: number;
  html: string;
  page: ParsedPage;
  headers: Record<string, string | string[] | undefined>;
}

describe('the showcase website', () => {
  let t: TestApp;
  /** A demo product on sale, with photos. */
  let product: ProductView;
  let fixtureStorySlug: string;

  async function get(path: string): Promise<Fetched> {
    const response = await request(t.http).get(path);
    const html = response.text;
    return { status: response.status, html, page: parsePage(html), headers: response.headers };
  }

  async function apiProduct(slug: string): Promise<ProductView> {
    return (await request(t.http).get(`/api/v1/products/${slug}`).expect(200)).body as ProductView;
  }

  beforeAll(async () => {
    t = await startTestApp({ WEB_BASE_URL: SITE });
    const data = await makeShowcaseData(t.app, t.dataSource);
    product = await apiProduct(data.sasirangan.slug);
    fixtureStorySlug = data.story.slug;
  });

  afterAll(async () => {
    await t?.close();
  });

  function expectHtmlPage(fetched: Fetched, status = 200): void {
    expect(fetched.status).toBe(status);
    expect(fetched.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(fetched.headers['set-cookie']).toBeUndefined();
    expect(Buffer.byteLength(fetched.html)).toBeLessThanOrEqual(HTML_BUDGET_BYTES);
    // A strict policy: nothing runs or styles the page but what carries this response's nonce.
    const csp = String(fetched.headers['content-security-policy']);
    const nonce = /style-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'nonce-${nonce}'`);
    expect(csp).not.toContain('unsafe-inline');
    expect(fetched.page.nonces.length).toBeGreaterThan(0);
    for (const [index, found] of fetched.page.nonces.entries()) {
      // JSON-LD is data, not script: it needs no nonce.
      if (found !== undefined || index === 0) expect(found).toBe(nonce);
    }
  }

  function expectLanguageVersions(page: ParsedPage, idPath: string, enPath: string, language: 'id' | 'en'): void {
    expect(page.lang).toBe(language);
    expect(page.alternates.get('id')).toBe(`${SITE}${idPath}`);
    expect(page.alternates.get('en')).toBe(`${SITE}${enPath}`);
    expect(page.alternates.get('x-default')).toBe(`${SITE}${idPath}`);
    expect(page.canonical).toBe(`${SITE}${language === 'id' ? idPath : enPath}`);
    // The language switch is a link a person can follow.
    expect(page.links).toContain(`${SITE}${language === 'id' ? enPath : idPath}`);
  }

  function expectBreadcrumbs(page: ParsedPage, lastName: string): void {
    const crumbs = ldOf(page, 'BreadcrumbList').itemListElement as { position: number; name: string; item: string }[];
    expect(crumbs[0]).toMatchObject({ position: 1, item: expect.stringMatching(new RegExp(`^${SITE}/?`)) as unknown });
    expect(crumbs.at(-1)?.name).toBe(lastName);
    crumbs.forEach((crumb, index) => expect(crumb.position).toBe(index + 1));
  }

  function expectPreview(page: ParsedPage, ogType: string): void {
    for (const key of ['og:title', 'og:description', 'og:url', 'twitter:title', 'twitter:description']) expect(metaOf(page, key).length).toBeGreaterThan(0);
    expect(metaOf(page, 'og:type')).toBe(ogType);
    expect(metaOf(page, 'og:url')).toBe(page.canonical);
    expect(metaOf(page, 'twitter:card')).toBe('summary_large_image');
    expect(metaOf(page, 'og:locale')).toBe(page.lang === 'id' ? 'id_ID' : 'en_US');
    expect(metaOf(page, 'og:locale:alternate')).toBe(page.lang === 'id' ? 'en_US' : 'id_ID');
  }

  /** The page's own share picture (1200x630 JPEG, versioned by content), fetched and measured. */
  async function expectShareImage(page: ParsedPage): Promise<Buffer> {
    const url = metaOf(page, 'og:image');
    expect(url).toMatch(new RegExp(`^${SITE}/(bagikan|en/share)/([a-z]+/)?[a-z0-9-]+\\.[0-9a-f]{12}\\.jpg$`));
    expect(metaOf(page, 'og:image:width')).toBe('1200');
    expect(metaOf(page, 'og:image:height')).toBe('630');
    expect(metaOf(page, 'og:image:type')).toBe('image/jpeg');
    expect(metaOf(page, 'og:image:alt').length).toBeGreaterThan(0);
    expect(metaOf(page, 'twitter:image')).toBe(url);
    const response = await request(t.http).get(url.slice(SITE.length)).buffer(true).expect(200);
    expect(response.headers['content-type']).toBe('image/jpeg');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const body = response.body as Buffer;
    expect(body.length).toBeLessThan(300 * 1024);
    const meta = await sharp(body).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1200, 630]);
    return body;
  }

  describe('home', () => {
    it('shows impact, programmes, featured products, stories and facilities by province, in Indonesian', async () => {
      const home = await get('/');
      expectHtmlPage(home);
      expectLanguageVersions(home.page, '/', '/en', 'id');
      expectPreview(home.page, 'website');
      await expectShareImage(home.page);
      expect(home.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=60');
      expect(home.page.text).toContain('Dampak bersama');
      expect(home.page.text).toContain('Ketahanan Pangan');
      expect(home.page.text).toContain('Kalimantan Selatan');
      expect(home.page.links).toContain('/program/ketahanan-pangan');
      expect(home.page.links.some((link) => link.startsWith('/produk/'))).toBe(true);
      expect(home.page.links.some((link) => link.startsWith('/cerita/'))).toBe(true);
      // Provinces, each linking into the facility index, rather than every facility in the country.
      expect(home.page.links).toContain('/unit?province=63');
      expect(home.page.links).toContain('/unit?province=21');
      expect(home.page.links).toContain('/unit');
      expect(home.page.links).not.toContain('/unit/lapas-banjarmasin');
      expect(ldOf(home.page, 'WebSite')).toMatchObject({ potentialAction: { '@type': 'SearchAction', target: `${SITE}/cari?q={q}` } });
    });

    it('gets a nonce of its own on every response', async () => {
      const nonceOf = async (): Promise<string | undefined> => /style-src 'nonce-([^']+)'/.exec(String((await get('/')).headers['content-security-policy']))?.[1];
      const nonces = [await nonceOf(), await nonceOf(), await nonceOf()];
      expect(nonces.every((nonce) => nonce !== undefined && Buffer.from(nonce, 'base64').length === 16)).toBe(true);
      expect(new Set(nonces).size).toBe(3);
    });

    it('has an English twin under /en', async () => {
      const home = await get('/en');
      expectHtmlPage(home);
      expectLanguageVersions(home.page, '/', '/en', 'en');
      expect(home.page.text).toContain('Our impact together');
      expect(home.page.links).toContain('/en/programmes/ketahanan-pangan');
    });
  });

  describe('product pages', () => {
    it('carry canonical, previews with a sized image and Product JSON-LD with an offer', async () => {
      const fetched = await get(`/produk/${product.slug}`);
      expectHtmlPage(fetched);
      const { page } = fetched;
      expectLanguageVersions(page, `/produk/${product.slug}`, `/en/products/${product.slug}`, 'id');
      expectPreview(page, 'product');
      await expectShareImage(page);
      expect(metaOf(page, 'og:image')).toMatch(new RegExp(`^${SITE}/bagikan/produk/${product.slug}\\.[0-9a-f]{12}\\.jpg$`));
      const price = `Rp${product.price.toLocaleString('id-ID')}`;
      expect(price).toMatch(/^Rp\d{1,3}(\.\d{3})+$/);
      expect(page.text).toContain(price);
      expect(page.title).toContain(product.name);
      const ld = ldOf(page, 'Product');
      expect(ld).toMatchObject({
        '@context': 'https://schema.org',
        name: product.name,
        image: product.images.map((i) => i.largeUrl),
        offers: {
          '@type': 'Offer',
          price: String(product.price),
          priceCurrency: 'IDR',
          availability: 'https://schema.org/InStock',
          seller: { name: product.facility.name, url: `${SITE}/unit/${product.facility.slug}` },
        },
      });
      expectBreadcrumbs(page, product.name);
      // Makers are credited exactly as the API credits them (consent rules live there).
      expect(page.text).toContain(product.maker.credit);
    });

    it('show photos in every WebP variant with explicit size, the main one first', async () => {
      const { page, html } = await get(`/produk/${product.slug}`);
      const [main] = page.images;
      const [image] = product.images;
      expect(main).toMatchObject({ src: image?.mediumUrl, width: String(image?.width), height: String(image?.height), loading: 'eager', fetchpriority: 'high' });
      expect(main?.srcset).toContain(`${image?.thumbUrl} `);
      expect(main?.srcset).toContain(`${image?.largeUrl} ${image?.width}w`);
      expect(html).toContain('<link rel="preload" as="image"');
      for (const img of page.images) {
        expect(Number(img.width)).toBeGreaterThan(0);
        expect(Number(img.height)).toBeGreaterThan(0);
        expect(img.alt).toBeDefined();
      }
    });

    it('in English, with English words and the same product', async () => {
      const fetched = await get(`/en/products/${product.slug}`);
      expectHtmlPage(fetched);
      expectLanguageVersions(fetched.page, `/produk/${product.slug}`, `/en/products/${product.slug}`, 'en');
      expect(fetched.page.text).toContain('In stock');
      expect(fetched.page.text).toContain(`Rp${product.price.toLocaleString('en-GB')}`);
      expect(ldOf(fetched.page, 'Product').name).toBe(product.name);
    });

    it('keep their page when sold out, say so, and offer similar products', async () => {
      const facility = await makeFacility(t.dataSource);
      const soldOut = await makeProduct(t.dataSource, facility, { name: 'Tas Purun Habis', stock: 0, categorySlug: 'kerajinan' });
      await makeProduct(t.dataSource, facility, { name: 'Tas Purun Tersedia', stock: 5, categorySlug: 'kerajinan' });
      const fetched = await get(`/produk/${soldOut.slug}`);
      expectHtmlPage(fetched);
      expect(fetched.page.text).toContain('Stok habis');
      expect(fetched.page.text).toContain('Produk serupa');
      expect(fetched.page.text).toContain('Tas Purun Tersedia');
      expect((ldOf(fetched.page, 'Product').offers as { availability: string }).availability).toBe('https://schema.org/OutOfStock');
    });

    it('list the stories the API gives the product, and the newest four similar products in stock in its category tree, itself left out', async () => {
      const facility = await makeFacility(t.dataSource);
      // A parent category: its subcategories' products are similar too.
      const shown = await makeProduct(t.dataSource, facility, { name: 'Bakul Purun Besar', categorySlug: 'kerajinan' });
      const minutesAgo = (minutes: number): Date => new Date(Date.now() - minutes * 60_000);
      await makeProduct(t.dataSource, facility, { categorySlug: 'anyaman', publishedAt: minutesAgo(0.5) });
      await makeProduct(t.dataSource, facility, { categorySlug: 'gerabah', publishedAt: minutesAgo(0.7), stock: 0 });
      await makeProduct(t.dataSource, facility, { categorySlug: 'batik', publishedAt: minutesAgo(0.8) });
      await makeProduct(t.dataSource, facility, { categorySlug: 'kerajinan', publishedAt: minutesAgo(0.9) });
      const stories = await t.dataSource.query<{ id: string }[]>(
        `SELECT s.id FROM story s WHERE s.status = 'PUBLISHED' ORDER BY s.published_at DESC LIMIT 2`,
      );
      for (const story of stories) await t.dataSource.query('INSERT INTO story_product (story_id, product_id) VALUES ($1, $2)', [story.id, shown.id]);
      // Microseconds the page's dates must drop exactly as the API's do.
      await t.dataSource.query(`UPDATE story SET published_at = published_at + interval '289 microseconds' WHERE id = ANY($1::uuid[])`, [stories.map((story) => story.id)]);

      const { html } = await get(`/produk/${shown.slug}`);
      const [, storiesHtml = '', relatedHtml = ''] = /id="stories"([\s\S]*?)(?:id="related"([\s\S]*))?$/.exec(html) ?? [];
      const { stories: expectedStories } = (await request(t.http).get(`/api/v1/products/${shown.slug}`).expect(200)).body as { stories: StoryCardView[] };
      expect(expectedStories.length).toBeGreaterThan(0);
      expect([...storiesHtml.matchAll(/<time datetime="([^"]+)"/g)].map((match) => match[1])).toEqual(expectedStories.map((story) => story.publishedAt));
      expect([...new Set([...storiesHtml.matchAll(/href="\/cerita\/([^"]+)"/g)].map((match) => match[1]))]).toEqual(expectedStories.map((story) => story.slug));

      const newest = (await request(t.http).get('/api/v1/products?category=kerajinan&inStock=true&sort=newest&limit=5').expect(200)).body as { data: ProductView[] };
      const expectedSimilar = newest.data.filter((candidate) => candidate.slug !== shown.slug).slice(0, 4).map((candidate) => candidate.slug);
      expect(expectedSimilar).toHaveLength(4);
      expect([...new Set([...relatedHtml.matchAll(/href="\/produk\/([^"]+)"/g)].map((match) => match[1]))]).toEqual(expectedSimilar);
    });

    it('keep their page when withdrawn from sale (the API no longer lists them)', async () => {
      const facility = await makeFacility(t.dataSource);
      const withdrawn = await makeProduct(t.dataSource, facility, { name: 'Meja Lipat Lama', status: 'ARCHIVED' });
      await request(t.http).get(`/api/v1/products/${withdrawn.slug}`).expect(404);
      const fetched = await get(`/produk/${withdrawn.slug}`);
      expectHtmlPage(fetched);
      expect(fetched.page.text).toContain('Tidak dijual lagi');
      expect((ldOf(fetched.page, 'Product').offers as { availability: string }).availability).toBe('https://schema.org/Discontinued');
    });

    it('answer 410 once deleted, and 404 for what was never published or is no slug', async () => {
      const facility = await makeFacility(t.dataSource);
      const deleted = await makeProduct(t.dataSource, facility, { deletedAt: new Date() });
      const draft = await makeProduct(t.dataSource, facility, { status: 'DRAFT', publishedAt: null });
      const gone = await get(`/produk/${deleted.slug}`);
      expectHtmlPage(gone, 410);
      expect(gone.headers['cache-control']).toBe('no-store');
      expect(gone.page.text).toContain('Produk sudah tidak tersedia');
      expect(gone.page.meta.get('robots')).toEqual(['noindex, follow']);
      expect({ canonical: gone.page.canonical, alternates: gone.page.alternates.size }).toEqual({ canonical: undefined, alternates: 0 });
      expectHtmlPage(await get(`/en/products/${deleted.slug}`), 410);
      expect((await get(`/en/products/${deleted.slug}`)).page.text).toContain('Product no longer available');
      expectHtmlPage(await get(`/produk/${draft.slug}`), 404);
      expectHtmlPage(await get('/produk/Not_A_Slug'), 404);
      // The API keeps its contract: a deleted product is simply not found there.
      await request(t.http).get(`/api/v1/products/${deleted.slug}`).expect(404);
    });

    it('a mistyped address gets the site\'s 404 page in a browser, and problem+json anywhere else', async () => {
      const page = await request(t.http).get('/en/produk-salah').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
      expect(page.status).toBe(404);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(parsePage(page.text).text).toContain('Page not found');
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      const api = await request(t.http).get('/api/v1/nope').set('Accept', 'text/html');
      expect({ status: api.status, type: api.headers['content-type'] }).toEqual({ status: 404, type: 'application/problem+json; charset=utf-8' });
      const client = await request(t.http).get('/produk-salah');
      expect({ status: client.status, type: client.headers['content-type'] }).toEqual({ status: 404, type: 'application/problem+json; charset=utf-8' });
    });

    it('render a Markdown description as stories are rendered, and preview it as plain text of about 160 characters', async () => {
      const facility = await makeFacility(t.dataSource);
      const description =
        'Tas **anyaman purun** dari [rawa gambut](https://example.org/purun) Kalimantan.\n\n' +
        '- Tahan air\n- Dianyam tangan oleh kelompok kerja\n\n<script>alert(1)</script><img src="https://evil.example/x.png" onerror="alert(2)">\n\n' +
        'Setiap tas dibuat dengan sabar selama beberapa hari, diwarnai dengan pewarna alami, dan diperiksa satu per satu sebelum dikirim kepada pembeli di seluruh Indonesia.';
      const bag = await makeProduct(t.dataSource, facility, { name: 'Tas Purun Markdown', description });
      const fetched = await get(`/produk/${bag.slug}`);
      expectHtmlPage(fetched);
      expect(fetched.html).toContain('<strong>anyaman purun</strong>');
      expect(fetched.html).toContain('<a href="https://example.org/purun" rel="nofollow noopener noreferrer">rawa gambut</a>');
      expect(fetched.html).toContain('<li>Tahan air</li>');
      expect(fetched.html).not.toContain('alert(');
      expect(fetched.html).not.toContain('evil.example');
      const summary = String(ldOf(fetched.page, 'Product').description);
      expect(summary.startsWith('Tas anyaman purun dari rawa gambut Kalimantan. Tahan air Dianyam tangan')).toBe(true);
      expect(summary).not.toMatch(/[*[\]<>#]/);
      expect(summary.length).toBeLessThanOrEqual(160);
      expect(summary).toMatch(/[a-z]…$/);
      expect(metaOf(fetched.page, 'og:description')).toBe(summary);
      expect(metaOf(fetched.page, 'description')).toBe(summary);
    });

    it('keep JSON-LD inside its script element whatever a name holds', async () => {
      const facility = await makeFacility(t.dataSource);
      const name = 'Tas </script><script>alert(1)</script> & "kutip" <!--';
      const tricky = await makeProduct(t.dataSource, facility, { name });
      const fetched = await get(`/produk/${tricky.slug}`);
      expectHtmlPage(fetched);
      expect(fetched.html).not.toContain('<script>alert(1)');
      expect(ldOf(fetched.page, 'Product').name).toBe(name);
      expect(fetched.page.title).toContain(name);
    });
  });

  describe('facility, story and programme pages', () => {
    it('a facility page carries Organization and Place JSON-LD, its products and previews', async () => {
      const facility = (await request(t.http).get('/api/v1/facilities/lapas-banjarmasin').expect(200)).body as FacilityView;
      const fetched = await get('/unit/lapas-banjarmasin');
      expectHtmlPage(fetched);
      expectLanguageVersions(fetched.page, '/unit/lapas-banjarmasin', '/en/facilities/lapas-banjarmasin', 'id');
      expectPreview(fetched.page, 'website');
      await expectShareImage(fetched.page);
      expect(ldOf(fetched.page, 'GovernmentOrganization')).toMatchObject({
        name: facility.name,
        url: `${SITE}/unit/lapas-banjarmasin`,
        address: { '@type': 'PostalAddress', addressLocality: facility.address.city, addressCountry: 'ID' },
        location: { '@type': 'Place' },
      });
      expectBreadcrumbs(fetched.page, facility.name);
      expect(fetched.page.links.some((link) => link.startsWith('/produk/'))).toBe(true);
    });

    it('a story page carries Article JSON-LD with what search engines require, dated the Indonesian way', async () => {
      const stories = (await request(t.http).get('/api/v1/stories?limit=1').expect(200)).body as { data: StoryCardView[] };
      const story = stories.data[0];
      const fetched = await get(`/cerita/${story.slug}`);
      expectHtmlPage(fetched);
      expectLanguageVersions(fetched.page, `/cerita/${story.slug}`, `/en/stories/${story.slug}`, 'id');
      expectPreview(fetched.page, 'article');
      await expectShareImage(fetched.page);
      const article = ldOf(fetched.page, 'Article');
      expect(article).toMatchObject({ headline: story.title, datePublished: story.publishedAt, author: { name: story.facility.name }, publisher: { name: 'Etalase Pemasyarakatan' } });
      expect((article.image as string[]).length).toBe(1);
      const zone = timeZoneOfProvince(story.facility.provinceCode);
      const date = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONES[zone] }).format(new Date(story.publishedAt));
      expect(date).toMatch(/^\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}$/);
      expect(fetched.page.text).toContain(date);
      expectBreadcrumbs(fetched.page, story.title);
    });

    it('dates a story on its facility\'s calendar: late evening WIB is already the next day in Banjarmasin (WITA)', async () => {
      const page = await get(`/cerita/${fixtureStorySlug}`);
      expect(page.page.text).toContain('6 Desember 2026');
      expect(page.page.text).not.toContain('5 Desember 2026');
      const facilityPage = await get('/unit/lapas-banjarmasin');
      expect(facilityPage.page.text).toContain('6 Desember 2026');
      const english = await get(`/en/stories/${fixtureStorySlug}`);
      expect(english.page.text).toContain('6 December 2026');
    });

    it('a programme page lists its products; an unknown programme is not found', async () => {
      const fetched = await get('/program/ketahanan-pangan');
      expectHtmlPage(fetched);
      expectLanguageVersions(fetched.page, '/program/ketahanan-pangan', '/en/programmes/ketahanan-pangan', 'id');
      expect(fetched.page.title).toContain('Ketahanan Pangan');
      await expectShareImage(fetched.page);
      expect(fetched.page.links.some((link) => link.startsWith('/produk/'))).toBe(true);
      expectBreadcrumbs(fetched.page, 'Ketahanan Pangan');
      expectHtmlPage(await get('/program/tidak-ada'), 404);
      expectHtmlPage(await get('/en/programmes/tidak-ada'), 404);
    });
  });

  describe('share pictures and share buttons', () => {
    const VERSIONED = /\.([0-9a-f]{12})\.jpg$/;

    it('draw a picture once per version, keep it in the media store, and send old versions to the current one', async () => {
      const facility = await makeFacility(t.dataSource);
      const item = await makeProduct(t.dataSource, facility, { name: 'Tas Purun Anyaman Tangan', price: 75_000 });
      const before = metaOf((await get(`/produk/${item.slug}`)).page, 'og:image');
      const path = before.slice(SITE.length);
      const pages = t.app.get(ShowcasePagesService);
      const current = await pages.shareImage('id', 'product', item.slug);
      expect(current.url).toBe(before);
      // Naming the version does not draw it: the page render only hashes.
      expect(await t.app.get(MediaService).readDerivedJpeg(current.hash)).toBeNull();
      const [first, second] = await Promise.all([request(t.http).get(path).expect(200), request(t.http).get(path).expect(200)]);
      const stored = await t.app.get(MediaService).readDerivedJpeg(current.hash);
      expect(stored?.equals(first.body as Buffer)).toBe(true);
      expect((second.body as Buffer).equals(first.body as Buffer)).toBe(true);

      // The price changes: a new version, and the shared old URL leads to it.
      await t.dataSource.query('UPDATE product SET price = 80000 WHERE id = $1', [item.id]);
      const after = metaOf((await get(`/produk/${item.slug}`)).page, 'og:image');
      expect(after).not.toBe(before);
      expect(VERSIONED.exec(after)?.[1]).not.toBe(VERSIONED.exec(before)?.[1]);
      const old = await request(t.http).get(path).expect(302);
      expect(old.headers.location).toBe(after);
      expect(old.headers['cache-control']).toBe('public, max-age=300');
      const fresh = await request(t.http).get(after.slice(SITE.length)).expect(200);
      expect((fresh.body as Buffer).equals(first.body as Buffer)).toBe(false);

      // Sold out: the picture says so (another version again).
      await t.dataSource.query('UPDATE product SET stock = 0 WHERE id = $1', [item.id]);
      expect(metaOf((await get(`/produk/${item.slug}`)).page, 'og:image')).not.toBe(after);
    });

    it('each language names its own picture; the home and search pages share the site picture', async () => {
      const en = metaOf((await get(`/en/products/${product.slug}`)).page, 'og:image');
      expect(en).toMatch(new RegExp(`^${SITE}/en/share/products/${product.slug}\\.[0-9a-f]{12}\\.jpg$`));
      await request(t.http).get(en.slice(SITE.length)).expect(200).expect('Content-Type', 'image/jpeg');
      const home = metaOf((await get('/en')).page, 'og:image');
      expect(home).toMatch(new RegExp(`^${SITE}/en/share/home\\.[0-9a-f]{12}\\.jpg$`));
      expect(metaOf((await get('/en/search?q=kain')).page, 'og:image')).toBe(home);
    });

    it('answer 404 for pictures of nothing and for malformed names, 410 once the product is deleted', async () => {
      const good = metaOf((await get(`/produk/${product.slug}`)).page, 'og:image').slice(SITE.length);
      const version = VERSIONED.exec(good)?.[1] ?? '';
      for (const path of [
        `/bagikan/produk/tidak-ada.${version}.jpg`,
        `/bagikan/products/${product.slug}.${version}.jpg`,
        `/bagikan/produk/${product.slug}.jpg`,
        `/bagikan/produk/${product.slug}.${version}.png`,
        `/bagikan/produk/${product.slug}.ZZZZ.jpg`,
        `/bagikan/home.${version}.jpg`,
        `/en/share/beranda.${version}.jpg`,
        '/bagikan/program/tidak-ada.0123456789ab.jpg',
      ]) {
        const response = await request(t.http).get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
      }
      const facility = await makeFacility(t.dataSource);
      const doomed = await makeProduct(t.dataSource, facility, { name: 'Kursi Rotan' });
      const shared = metaOf((await get(`/produk/${doomed.slug}`)).page, 'og:image').slice(SITE.length);
      await t.dataSource.query('UPDATE product SET deleted_at = now() WHERE id = $1', [doomed.id]);
      await request(t.http).get(shared).expect(410);
    });

    it('product, story, facility and programme pages carry share links that work without script, texts encoded exactly', async () => {
      const facility = await makeFacility(t.dataSource);
      const name = 'Kopi & Teh #1 "Spesial" 100% ☕ + gula?';
      const tricky = await makeProduct(t.dataSource, facility, { name, price: 125_000 });
      const fetched = await get(`/produk/${tricky.slug}`);
      expectHtmlPage(fetched);
      const pageUrl = `${SITE}/produk/${tricky.slug}`;
      const links = fetched.page.links;
      const wa = new URL(links.find((link) => link.startsWith('https://wa.me/')) ?? '');
      expect(wa.pathname).toBe('/');
      expect(wa.searchParams.get('text')).toBe(`${name}, Rp125.000. Hasil karya warga binaan: ${pageUrl}`);
      expect(new URL(links.find((link) => link.startsWith('https://www.facebook.com/sharer/')) ?? '').searchParams.get('u')).toBe(pageUrl);
      const x = new URL(links.find((link) => link.startsWith('https://x.com/intent/')) ?? '');
      expect([x.searchParams.get('url'), x.searchParams.get('text')]).toEqual([pageUrl, `${name}, Rp125.000. Hasil karya warga binaan:`]);
      expect(new URL(links.find((link) => link.startsWith('https://t.me/share/')) ?? '').searchParams.get('url')).toBe(pageUrl);
      // Copy link is the page's own address without script.
      expect(fetched.html).toMatch(new RegExp(`<a href="${pageUrl}" data-copy>Salin tautan</a>`));
      expect(fetched.page.text).toContain('Bagikan ke WhatsApp');
      // No third party loads anything: the only scripts are our nonce'd one and JSON-LD.
      expect(fetched.html).not.toMatch(/<script[^>]+src=/);
      expect(fetched.html).not.toMatch(/<(img|iframe|link)[^>]+(facebook|twitter|x\.com|wa\.me|t\.me)/);

      const english = await get(`/en/products/${tricky.slug}`);
      expect(english.page.text).toContain('Share on WhatsApp');
      expect(english.page.text).toContain('Copy link');
      for (const path of ['/cerita/', '/unit/lapas-banjarmasin', '/program/umkm', '/en/facilities/lapas-banjarmasin']) {
        const story = path === '/cerita/' ? ((await request(t.http).get('/api/v1/stories?limit=1').expect(200)).body as { data: StoryCardView[] }).data[0]?.slug : '';
        const page = await get(`${path}${story ?? ''}`);
        expectHtmlPage(page);
        const whatsApp = page.page.links.find((link) => link.startsWith('https://wa.me/?text='));
        expect(new URL(whatsApp ?? '').searchParams.get('text')).toContain(page.page.canonical ?? 'no canonical');
      }
    });
  });

  describe('facility index', () => {
    it('lists every facility by province, with canonical, hreflang, breadcrumbs and a filter form', async () => {
      const fetched = await get('/unit');
      expectHtmlPage(fetched);
      expectLanguageVersions(fetched.page, '/unit', '/en/facilities', 'id');
      expectPreview(fetched.page, 'website');
      expectBreadcrumbs(fetched.page, 'Unit pemasyarakatan');
      expect(fetched.page.links).toEqual(expect.arrayContaining(['/unit/lapas-banjarmasin', '/unit/lapas-batam', '/unit?province=63', '/unit?province=21']));
      expect(fetched.page.text).toContain('Kalimantan Selatan');
      expect(fetched.page.text).toContain('Kanwil Ditjenpas Kepulauan Riau');
      expect(fetched.html).toMatch(/<form class="filters facility-filters" action="\/unit" method="get">/);
      expect(fetched.html).toContain('<option value="LPKA">LPKA (Lembaga Pembinaan Khusus Anak)</option>');

      const english = await get('/en/facilities');
      expectHtmlPage(english);
      expectLanguageVersions(english.page, '/unit', '/en/facilities', 'en');
      expect(english.page.links).toContain('/en/facilities/lapas-banjarmasin');
      expectBreadcrumbs(english.page, 'Correctional units');
    });

    it('filters by province and type with plain GET parameters, and drops what it does not know', async () => {
      const rutan = await makeFacility(t.dataSource, { slug: 'rutan-uji-batam', name: 'Rutan Kelas IIA Uji Batam', shortName: 'Rutan Uji Batam', type: 'RUTAN', provinceCode: '21', city: 'Batam' });
      const province = await get('/unit?province=21');
      expectHtmlPage(province);
      expectLanguageVersions(province.page, '/unit?province=21', '/en/facilities?province=21', 'id');
      expect(province.page.title).toContain('Unit pemasyarakatan di Kepulauan Riau');
      expectBreadcrumbs(province.page, 'Kepulauan Riau');
      const listed = (page: ParsedPage): string[] => page.links.filter((link) => /^\/unit\/[a-z0-9-]+$/.test(link));
      expect(listed(province.page).sort()).toEqual(['/unit/lapas-batam', `/unit/${rutan.slug}`]);

      const typed = await get('/unit?province=21&type=RUTAN');
      expectHtmlPage(typed);
      expect(listed(typed.page)).toEqual([`/unit/${rutan.slug}`]);
      expect(typed.page.canonical).toBe(`${SITE}/unit?province=21&type=RUTAN`);

      const bad = await get('/unit?province=99&type=PENJARA&page=x&utm_source=whatsapp');
      expectHtmlPage(bad);
      expect(bad.page.text).toContain('Sebagian pilihan tidak dikenal dan diabaikan');
      expect(bad.page.canonical).toBe(`${SITE}/unit`);
      expectHtmlPage(await get('/unit?page=2'), 404);

      // A facility page's trail goes through the index and its province.
      const facility = await get('/unit/lapas-batam');
      const crumbs = ldOf(facility.page, 'BreadcrumbList').itemListElement as { item: string }[];
      expect(crumbs.map((crumb) => crumb.item)).toEqual([`${SITE}/`, `${SITE}/unit`, `${SITE}/unit?province=21`, `${SITE}/unit/lapas-batam`]);
    });
  });

  describe('search', () => {
    it('finds products despite a typo, with the API\'s own results', async () => {
      const api = (await request(t.http).get('/api/v1/products?q=sasirongan&limit=24').expect(200)).body as { data: ProductView[] };
      expect(api.data.length).toBeGreaterThan(0);
      const fetched = await get('/cari?q=sasirongan');
      expectHtmlPage(fetched);
      const found = fetched.page.links.filter((link) => link.startsWith('/produk/'));
      expect(found).toEqual(api.data.map((p) => `/produk/${p.slug}`));
      // Results are for people; the index gets the pages themselves.
      expect(fetched.page.meta.get('robots')).toEqual(['noindex, follow']);
      expect(fetched.page.alternates.get('en')).toBe(`${SITE}/en/search?q=sasirongan`);
    });

    it('applies filters, pages on, and ignores what it does not know instead of failing', async () => {
      const fetched = await get('/cari?program=KETAHANAN_PANGAN&inStock=true&utm_source=whatsapp&fbclid=abc');
      expectHtmlPage(fetched);
      const slugs = fetched.page.links.filter((link) => link.startsWith('/produk/')).map((link) => link.slice('/produk/'.length));
      expect(slugs.length).toBeGreaterThan(0);
      for (const slug of slugs.slice(0, 3)) expect(await apiProduct(slug)).toMatchObject({ program: 'KETAHANAN_PANGAN', inStock: true });
      expect(fetched.page.text).not.toContain('Sebagian filter');

      const bad = await get('/cari?program=NOPE&sort=cheapest&category=tidak-ada&q=kopi');
      expectHtmlPage(bad);
      expect(bad.page.text).toContain('Sebagian filter tidak dapat dipakai');

      const first = await get('/cari');
      const next = first.page.links.find((link) => link.startsWith('/cari?') && link.includes('cursor='));
      expect(next).toBeDefined();
      const second = await get(next as string);
      expectHtmlPage(second);
      const firstSlugs = new Set(first.page.links.filter((link) => link.startsWith('/produk/')));
      expect(second.page.links.filter((link) => link.startsWith('/produk/')).some((link) => firstSlugs.has(link))).toBe(false);
    });
  });

  describe('for search engines', () => {
    it('sitemap.xml lists every public page in both languages with alternates and last changes', async () => {
      const response = await request(t.http).get('/sitemap.xml').expect(200);
      expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
      const xml = response.text;
      expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
      expect(xml).toContain(`<loc>${SITE}/produk/${product.slug}</loc>`);
      expect(xml).toContain(`<loc>${SITE}/en/products/${product.slug}</loc>`);
      expect(xml).toContain(`<xhtml:link rel="alternate" hreflang="en" href="${SITE}/en/products/${product.slug}"/>`);
      expect(xml).toContain(`<xhtml:link rel="alternate" hreflang="x-default" href="${SITE}/produk/${product.slug}"/>`);
      expect(xml).toContain(`<lastmod>${product.updatedAt}</lastmod>`);
      expect(xml).toContain(`<loc>${SITE}/unit/lapas-banjarmasin</loc>`);
      expect(xml).toContain(`<loc>${SITE}/unit</loc>`);
      expect(xml).toContain(`<loc>${SITE}/en/facilities?province=63</loc>`);
      expect(xml).toContain(`<xhtml:link rel="alternate" hreflang="id" href="${SITE}/unit?province=21"/>`);
      expect(xml).toContain(`<loc>${SITE}/program/ketahanan-pangan</loc>`);
      expect(xml).toMatch(new RegExp(`<loc>${SITE}/cerita/[a-z0-9-]+</loc>`));
      const deleted = await makeProduct(t.dataSource, await makeFacility(t.dataSource), { deletedAt: new Date() });
      expect((await request(t.http).get('/sitemap.xml').expect(200)).text).not.toContain(deleted.slug);
    });

    it('robots.txt points at the sitemap', async () => {
      const response = await request(t.http).get('/robots.txt').expect(200);
      expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(response.text).toContain(`Sitemap: ${SITE}/sitemap.xml`);
      expect(response.text).toContain('Disallow: /api/');
    });
  });

  describe('at national scale', () => {
    it('keeps home and every page of the facility index under 50 KB with about 630 facilities', async () => {
      const provinces = (await t.dataSource.query<{ code: string }[]>('SELECT code FROM province ORDER BY code')).map((row) => row.code);
      const types = ['LAPAS', 'LAPAS', 'RUTAN', 'LPKA', 'BAPAS'] as const;
      const existing = Number((await t.dataSource.query<[{ count: string }]>('SELECT count(*)::text AS count FROM facility WHERE active'))[0].count);
      for (let start = existing; start < 630; start += 30) {
        await Promise.all(
          Array.from({ length: Math.min(30, 630 - start) }, (_, offset) => {
            const n = start + offset;
            const type = types[n % types.length] ?? 'LAPAS';
            return makeFacility(t.dataSource, {
              slug: `unit-nasional-${n}`,
              type,
              name: `${type === 'LAPAS' ? 'Lembaga Pemasyarakatan' : type} Kelas IIA Kabupaten Nasional ${n}`,
              shortName: `${type} Nasional ${n}`,
              provinceCode: provinces[n % provinces.length],
              city: `Kabupaten Nasional ${n}`,
            });
          }),
        );
      }
      const sizes: Record<string, number> = {};
      for (const path of ['/', '/en']) {
        const fetched = await get(path);
        expectHtmlPage(fetched);
        sizes[path] = Buffer.byteLength(fetched.html);
      }
      let pages = 0;
      const seen = new Set<string>();
      for (let next: string | undefined = '/unit'; next; pages += 1) {
        const fetched = await get(next);
        expectHtmlPage(fetched);
        sizes[next] = Buffer.byteLength(fetched.html);
        for (const link of fetched.page.links.filter((link) => /^\/unit\/[a-z0-9-]+$/.test(link))) seen.add(link);
        next = fetched.page.links.find((link) => link.startsWith('/unit?page=') && fetched.html.includes(`href="${link}" rel="next"`));
      }
      expect(seen.size).toBeGreaterThanOrEqual(630);
      expect(pages).toBeGreaterThanOrEqual(7);
      const widest = await get('/en/facilities?province=11');
      expectHtmlPage(widest);
      expect(Math.max(...Object.values(sizes))).toBeLessThanOrEqual(HTML_BUDGET_BYTES);
      // The measurement, for the record: `npx jest test/showcase.e2e-spec.ts -t 'national scale'`.
      console.info(`HTML bytes at national scale: ${JSON.stringify(sizes)}`);
    });
  });

  describe('webUrl in the API', () => {
    it('every public product, facility and story links its page on WEB_BASE_URL, and the page is there', async () => {
      const detail = await apiProduct(product.slug);
      expect(detail.webUrl).toBe(`${SITE}/produk/${product.slug}`);
      const list = (await request(t.http).get('/api/v1/products?limit=3').expect(200)).body as { data: ProductView[] };
      for (const item of list.data) expect(item.webUrl).toBe(`${SITE}/produk/${item.slug}`);
      const facility = (await request(t.http).get('/api/v1/facilities/lapas-banjarmasin').expect(200)).body as FacilityView;
      expect(facility.webUrl).toBe(`${SITE}/unit/lapas-banjarmasin`);
      const stories = (await request(t.http).get('/api/v1/stories?limit=1').expect(200)).body as { data: StoryCardView[] };
      const story = stories.data[0];
      expect(story.webUrl).toBe(`${SITE}/cerita/${story.slug}`);
      for (const url of [detail.webUrl, facility.webUrl, story.webUrl]) expectHtmlPage(await get(url.slice(SITE.length)));
    });
  });
});

describe('the showcase website when throttled', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ WEB_BASE_URL: SITE, RATE_LIMIT_ANONYMOUS_PER_MINUTE: '3' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers website paths with a 429 page in their language that says how long to wait; the API keeps problem+json', async () => {
    for (let i = 0; i < 3; i += 1) await request(t.http).get('/unit').expect(200);
    const page = await request(t.http).get('/cari?q=batik');
    expect(page.status).toBe(429);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['cache-control']).toBe('no-store');
    const retryAfter = Number(page.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    const parsed = parsePage(page.text);
    expect(parsed.lang).toBe('id');
    expect(parsed.title).toContain('Terlalu banyak permintaan');
    expect(parsed.text).toContain(`Mohon tunggu sekitar ${retryAfter} detik`);
    expect(parsed.meta.get('robots')).toEqual(['noindex, follow']);

    const english = await request(t.http).get('/en/products/anything');
    expect({ status: english.status, type: english.headers['content-type'] }).toEqual({ status: 429, type: 'text/html; charset=utf-8' });
    expect(parsePage(english.text).text).toMatch(/Please wait about \d+ seconds, then reload this page/);

    const api = await request(t.http).get('/api/v1/products').set('Accept', 'text/html');
    expect({ status: api.status, type: api.headers['content-type'] }).toEqual({ status: 429, type: 'application/problem+json; charset=utf-8' });
    expect(api.headers['retry-after']).toBeDefined();
  });
});
