import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ogs from 'open-graph-scraper';
import sharp from 'sharp';
import { findFreePort } from '../src/database/free-port';
import { articleProblems, breadcrumbProblems, type JsonLdNode, productProblems } from './support/json-ld';
import { makeShowcaseData, type ShowcaseData } from './support/showcase-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/** Saved by every run so a person can look at what a shared link shows. */
const SHARE_IMAGES = join(__dirname, '..', 'test-output', 'share-images');
/** WhatsApp drops a preview whose image is larger. */
const PREVIEW_IMAGE_MAX_BYTES = 300 * 1024;

interface PageCase {
  name: string;
  path: (data: ShareData) => string;
  ogType: string;
  /** The schema.org type that must be there and pass its check, besides the BreadcrumbList. */
  ld?: { type: string; problems: (ld: unknown) => string[] };
}

interface ShareData {
  data: ShowcaseData;
  storySlug: string;
}

const PAGES: Record<'id' | 'en', PageCase[]> = {
  id: [
    { name: 'home', path: () => '/', ogType: 'website' },
    { name: 'product', path: ({ data }) => `/produk/${data.sasirangan.slug}`, ogType: 'product', ld: { type: 'Product', problems: productProblems } },
    { name: 'story', path: ({ storySlug }) => `/cerita/${storySlug}`, ogType: 'article', ld: { type: 'Article', problems: articleProblems } },
    { name: 'facility', path: ({ data }) => `/unit/${data.banjarmasin.slug}`, ogType: 'website' },
    { name: 'programme', path: () => '/program/pembinaan-kemandirian', ogType: 'website' },
  ],
  en: [
    { name: 'home', path: () => '/en', ogType: 'website' },
    { name: 'product', path: ({ data }) => `/en/products/${data.sasirangan.slug}`, ogType: 'product', ld: { type: 'Product', problems: productProblems } },
    { name: 'story', path: ({ storySlug }) => `/en/stories/${storySlug}`, ogType: 'article', ld: { type: 'Article', problems: articleProblems } },
    { name: 'facility', path: ({ data }) => `/en/facilities/${data.banjarmasin.slug}`, ogType: 'website' },
    { name: 'programme', path: () => '/en/programmes/pembinaan-kemandirian', ogType: 'website' },
  ],
};

/**
 * What a link shared on WhatsApp, Facebook or Telegram shows, read the way their crawlers read it:
 * a real Open Graph parser (open-graph-scraper) fetching each page type from a running server,
 * then the preview image fetched and measured, and the JSON-LD checked for what search engines
 * require (support/json-ld.ts).
 */
describe('link previews of the showcase (open-graph-scraper against a running server)', () => {
  let t: TestApp;
  let base: string;
  let share: ShareData;

  beforeAll(async () => {
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_BASE_URL: base, WEB_BASE_URL: base });
    await t.app.listen(port, '127.0.0.1');
    const data = await makeShowcaseData(t.app, t.dataSource);
    share = { data, storySlug: data.story.slug };
    await mkdir(SHARE_IMAGES, { recursive: true });
  });

  afterAll(async () => {
    await t?.close();
  });

  describe.each(['id', 'en'] as const)('in %s', (language) => {
    it.each(PAGES[language].map((page) => [page.name, page] as const))('the %s page previews with title, description, a 1200x630 JPEG and valid JSON-LD', async (_name, page) => {
      const url = `${base}${page.path(share)}`;
      const { error, result } = await ogs({ url, urlValidatorSettings: { protocols: ['http', 'https'], require_tld: false, require_protocol: true, require_host: true, require_port: false, require_valid_protocol: true, allow_underscores: false, allow_trailing_dot: false, allow_protocol_relative_urls: false, validate_length: true, allow_fragments: true, allow_query_components: true } });
      expect(error).toBe(false);
      expect(result.ogTitle?.length).toBeGreaterThan(0);
      expect(result.ogDescription?.length).toBeGreaterThan(0);
      expect(result.ogUrl).toBe(url);
      expect(result.ogType).toBe(page.ogType);
      expect(result.ogLocale).toBe(language === 'id' ? 'id_ID' : 'en_US');
      expect(result.ogLocaleAlternate).toBe(language === 'id' ? 'en_US' : 'id_ID');
      expect(result.twitterCard).toBe('summary_large_image');

      const [image] = result.ogImage ?? [];
      // The parser hands the sizes back as the page wrote them (text), whatever its types say.
      expect([Number(image?.width), Number(image?.height), image?.type]).toEqual([1200, 630, 'image/jpeg']);
      expect(image?.alt?.length).toBeGreaterThan(0);
      expect(image?.url.startsWith(`${base}/`)).toBe(true);
      expect(result.twitterImage?.[0]?.url).toBe(image?.url);
      const response = await fetch(image?.url ?? '');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/jpeg');
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.length).toBeLessThan(PREVIEW_IMAGE_MAX_BYTES);
      const meta = await sharp(body).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1200, 630]);
      await writeFile(join(SHARE_IMAGES, `${language}-${page.name}.jpg`), body);

      const ld = (result.jsonLD ?? []) as JsonLdNode[];
      const byType = (type: string): JsonLdNode | undefined => ld.find((node) => node['@type'] === type);
      expect(breadcrumbProblems(byType('BreadcrumbList'))).toEqual([]);
      if (page.ld) expect(page.ld.problems(byType(page.ld.type))).toEqual([]);
    });
  });
});
