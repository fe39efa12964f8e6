import { escapeHtml } from '../html/jsx.js';

/** One page of the sitemap, in every language: each language's URL lists all of them as alternates. */
export interface SitemapPage {
  /** Absolute URL per language code (`id`, `en`), the first being the default (`x-default`). */
  urls: readonly { language: string; url: string }[];
  lastModified?: string;
}

/**
 * A sitemap with hreflang alternates (the xhtml:link form search engines read), one <url> per
 * language version of each page.
 */
export function sitemapXml(pages: readonly SitemapPage[]): string {
  const entries: string[] = [];
  for (const page of pages) {
    const [first] = page.urls;
    if (!first) continue;
    const alternates = [
      ...page.urls.map(({ language, url }) => `<xhtml:link rel="alternate" hreflang="${escapeHtml(language)}" href="${escapeHtml(url)}"/>`),
      `<xhtml:link rel="alternate" hreflang="x-default" href="${escapeHtml(first.url)}"/>`,
    ].join('');
    const lastmod = page.lastModified ? `<lastmod>${escapeHtml(page.lastModified)}</lastmod>` : '';
    for (const { url } of page.urls) entries.push(`<url><loc>${escapeHtml(url)}</loc>${lastmod}${alternates}</url>`);
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' +
    entries.join('\n') +
    '\n</urlset>\n'
  );
}
