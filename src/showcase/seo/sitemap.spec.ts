import { sitemapXml } from './sitemap.js';

describe('sitemapXml', () => {
  it('lists each language version with all alternates, x-default first language, and escapes URLs', () => {
    const xml = sitemapXml([
      {
        urls: [
          { language: 'id', url: 'https://e.id/produk/a?x=1&y=2' },
          { language: 'en', url: 'https://e.id/en/products/a' },
        ],
        lastModified: '2026-12-06T00:00:00.000Z',
      },
    ]);
    expect(xml.match(/<url>/g)).toHaveLength(2);
    expect(xml).toContain('<loc>https://e.id/produk/a?x=1&amp;y=2</loc><lastmod>2026-12-06T00:00:00.000Z</lastmod>');
    expect(xml).toContain('<xhtml:link rel="alternate" hreflang="x-default" href="https://e.id/produk/a?x=1&amp;y=2"/>');
    expect(xml.match(/hreflang="en"/g)).toHaveLength(2);
  });
});
