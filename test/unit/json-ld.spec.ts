import { articleProblems, breadcrumbProblems, productProblems } from '../support/json-ld';

const PRODUCT = {
  '@context': 'https://schema.org',
  '@type': 'Product',
  name: 'Kain Sasirangan',
  image: ['https://etalase.example.id/media/a.webp'],
  offers: {
    '@type': 'Offer',
    price: '125000',
    priceCurrency: 'IDR',
    availability: 'https://schema.org/InStock',
    seller: { '@type': 'GovernmentOrganization', name: 'Lapas Banjarmasin' },
  },
};
const ARTICLE = {
  '@context': 'https://schema.org',
  '@type': 'Article',
  headline: 'Panen lele',
  image: ['https://etalase.example.id/bagikan/cerita/panen.0123456789ab.jpg'],
  datePublished: '2026-12-06T03:00:00.000Z',
  author: { '@type': 'GovernmentOrganization', name: 'Lapas Banjarmasin' },
};
const CRUMBS = {
  '@context': 'https://schema.org',
  '@type': 'BreadcrumbList',
  itemListElement: [
    { '@type': 'ListItem', position: 1, name: 'Beranda', item: 'https://etalase.example.id/' },
    { '@type': 'ListItem', position: 2, name: 'Kain', item: 'https://etalase.example.id/produk/kain' },
  ],
};

describe('the JSON-LD checks of the link-preview test', () => {
  it('accept what search engines accept', () => {
    expect(productProblems(PRODUCT)).toEqual([]);
    expect(articleProblems(ARTICLE)).toEqual([]);
    expect(breadcrumbProblems(CRUMBS)).toEqual([]);
  });

  it.each([
    ['no name', { ...PRODUCT, name: '' }, 'Product.name'],
    ['no image', { ...PRODUCT, image: [] }, 'Product.image'],
    ['a relative image', { ...PRODUCT, image: '/media/a.webp' }, 'Product.image[0]'],
    ['no offer', { ...PRODUCT, offers: undefined }, 'Product.offers'],
    ['a formatted price', { ...PRODUCT, offers: { ...PRODUCT.offers, price: 'Rp125.000' } }, 'Product.offers[0].price'],
    ['another currency', { ...PRODUCT, offers: { ...PRODUCT.offers, priceCurrency: 'USD' } }, 'Product.offers[0].priceCurrency'],
    ['availability as a word', { ...PRODUCT, offers: { ...PRODUCT.offers, availability: 'InStock' } }, 'Product.offers[0].availability'],
    ['no seller', { ...PRODUCT, offers: { ...PRODUCT.offers, seller: undefined } }, 'Product.offers[0].seller'],
  ])('refuse a Product with %s', (_label, ld, path) => {
    expect(productProblems(ld).join('\n')).toContain(`${path}:`);
  });

  it.each([
    ['no headline', { ...ARTICLE, headline: ' ' }, 'Article.headline'],
    ['a headline too long', { ...ARTICLE, headline: 'x'.repeat(111) }, 'Article.headline'],
    ['no image', { ...ARTICLE, image: undefined }, 'Article.image'],
    ['a date without a zone', { ...ARTICLE, datePublished: '2026-12-06T03:00' }, 'Article.datePublished'],
    ['a date in words', { ...ARTICLE, datePublished: '6 Desember 2026' }, 'Article.datePublished'],
    ['no author', { ...ARTICLE, author: undefined }, 'Article.author'],
    ['a nameless author', { ...ARTICLE, author: { '@type': 'Person' } }, 'Article.author[0].name'],
  ])('refuse an Article with %s', (_label, ld, path) => {
    expect(articleProblems(ld).join('\n')).toContain(`${path}:`);
  });

  it.each([
    ['no items', { ...CRUMBS, itemListElement: [] }, 'BreadcrumbList.itemListElement'],
    ['positions out of order', { ...CRUMBS, itemListElement: [CRUMBS.itemListElement[1], CRUMBS.itemListElement[0]] }, 'BreadcrumbList.itemListElement[0].position'],
    ['a relative item', { ...CRUMBS, itemListElement: [{ ...CRUMBS.itemListElement[0], item: '/' }] }, 'BreadcrumbList.itemListElement[0].item'],
    ['a nameless item', { ...CRUMBS, itemListElement: [{ ...CRUMBS.itemListElement[0], name: '' }] }, 'BreadcrumbList.itemListElement[0].name'],
    ['the wrong type', { ...CRUMBS, '@type': 'ItemList' }, 'BreadcrumbList.@type'],
  ])('refuse a BreadcrumbList with %s', (_label, ld, path) => {
    expect(breadcrumbProblems(ld).join('\n')).toContain(`${path}:`);
  });
});
