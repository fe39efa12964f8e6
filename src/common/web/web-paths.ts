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
