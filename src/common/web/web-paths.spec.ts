import { languageOfPath, routePattern, webPath, webUrl } from './web-paths.js';

describe('the showcase URL scheme', () => {
  it('puts Indonesian at the root and English under /en', () => {
    expect(webPath('id', 'home')).toBe('/');
    expect(webPath('en', 'home')).toBe('/en');
    expect(webPath('id', 'product', 'kain-sasirangan')).toBe('/produk/kain-sasirangan');
    expect(webPath('en', 'product', 'kain-sasirangan')).toBe('/en/products/kain-sasirangan');
    expect(webPath('id', 'facility', 'lapas-banjarmasin')).toBe('/unit/lapas-banjarmasin');
    expect(webPath('en', 'story', 'pagi')).toBe('/en/stories/pagi');
    expect(webPath('id', 'programme', 'umkm')).toBe('/program/umkm');
    expect(webPath('en', 'search')).toBe('/en/search');
    expect(webUrl('https://etalase.example.id', webPath('id', 'story', 'pagi'))).toBe('https://etalase.example.id/cerita/pagi');
  });

  it('declares the routes the pages are served at', () => {
    expect(routePattern('id', 'product')).toBe('produk/:slug');
    expect(routePattern('en', 'programme')).toBe('en/programmes/:slug');
  });

  it('tells a page\'s language by its path, never by guessing', () => {
    expect(languageOfPath('/en')).toBe('en');
    expect(languageOfPath('/en/products/x')).toBe('en');
    expect(languageOfPath('/entah')).toBe('id');
    expect(languageOfPath('/produk/x')).toBe('id');
  });
});
