/**
 * The showcase's URL scheme (WEB.md): Indonesian at the root, English under /en. The pages, the
 * API's `webUrl` fields, the sitemap and the hreflang links all build their URLs here, so they
 * cannot disagree.
 */
export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language a page falls back to (`x-default`): the site is Indonesian first. */
export const DEFAULT_LANGUAGE: Language = 'id';

export type PageKind = 'home' | 'product' | 'facility' | 'story' | 'programme' | 'search' | 'cart' | 'checkout' | 'order';

const SEGMENTS: Record<Exclude<PageKind, 'home'>, Record<Language, string>> = {
  product: { id: 'produk', en: 'products' },
  facility: { id: 'unit', en: 'facilities' },
  story: { id: 'cerita', en: 'stories' },
  programme: { id: 'program', en: 'programmes' },
  search: { id: 'cari', en: 'search' },
  cart: { id: 'keranjang', en: 'cart' },
  checkout: { id: 'bayar', en: 'checkout' },
  order: { id: 'pesanan', en: 'orders' },
};

/** The path of a page, e.g. `/produk/kain-sasirangan` or `/en/products/kain-sasirangan`. */
export function webPath(language: Language, kind: PageKind, slug?: string): string {
  const prefix = language === 'en' ? '/en' : '';
  if (kind === 'home') return prefix === '' ? '/' : prefix;
  const path = `${prefix}/${SEGMENTS[kind][language]}`;
  return slug === undefined ? path : `${path}/${encodeURIComponent(slug)}`;
}

/** The route pattern of a page kind, as Nest declares it (`produk/:slug`, `en/products/:slug`). */
export function routePattern(language: Language, kind: Exclude<PageKind, 'home' | 'search' | 'cart' | 'checkout' | 'order'>): string {
  return `${webPath(language, kind).slice(1)}/:slug`;
}

/** The language of a page by its path: English under /en, Indonesian everywhere else. */
export function languageOfPath(path: string): Language {
  return path === '/en' || path.startsWith('/en/') ? 'en' : 'id';
}

/** An absolute URL on `baseUrl` (no trailing slash). */
export function webUrl(baseUrl: string, path: string): string {
  return `${baseUrl}${path}`;
}

/** The pages that have a share picture (the search page shows the home page's). */
export type ShareableKind = 'home' | 'product' | 'facility' | 'story' | 'programme';

const SHARE_SEGMENT: Record<Language, string> = { id: 'bagikan', en: 'share' };
const HOME_SHARE_NAME: Record<Language, string> = { id: 'beranda', en: 'home' };

/**
 * A page's share picture, beside the page in the same scheme and versioned by the hash of what it
 * shows: `/bagikan/produk/{slug}.{version}.jpg`, `/en/share/products/{slug}.{version}.jpg`, and
 * `/bagikan/beranda.{version}.jpg` for the home page. The share kit's square and story pictures
 * add their format: `/bagikan/produk/{slug}.square.{version}.jpg`.
 */
export function shareImagePath(language: Language, kind: ShareableKind, slug: string | undefined, version: string, format?: string): string {
  const prefix = `${language === 'en' ? '/en' : ''}/${SHARE_SEGMENT[language]}`;
  const tail = `${format ? `.${format}` : ''}.${version}.jpg`;
  if (kind === 'home') return `${prefix}/${HOME_SHARE_NAME[language]}${tail}`;
  return `${prefix}/${SEGMENTS[kind][language]}/${encodeURIComponent(slug ?? '')}${tail}`;
}

/** Route patterns of share pictures, as Nest declares them: `bagikan/:segment/:file` and `bagikan/:file`. */
export function shareImageRoutes(language: Language): { page: string; home: string } {
  const prefix = `${language === 'en' ? 'en/' : ''}${SHARE_SEGMENT[language]}`;
  return { page: `${prefix}/:segment/:file`, home: `${prefix}/:file` };
}

/** Which page kind a share picture's path segment names (`produk`: product), if any. */
export function shareableKindOfSegment(language: Language, segment: string): Exclude<ShareableKind, 'home'> | undefined {
  const kinds = ['product', 'facility', 'story', 'programme'] as const;
  return kinds.find((kind) => SEGMENTS[kind][language] === segment);
}

/** The name of the home page's share picture (`beranda`, `home`). */
export function homeShareName(language: Language): string {
  return HOME_SHARE_NAME[language];
}
