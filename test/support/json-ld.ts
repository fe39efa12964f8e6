/**
 * Checks schema.org JSON-LD for the fields search engines require before they show a rich result
 * (Google's structured-data documentation for Product snippets / merchant listings, Article and
 * Breadcrumb): not the whole vocabulary, only what makes a page eligible. Each check returns the
 * problems found, as `path: what is wrong`, so a failing test says exactly what to fix.
 */
export type JsonLdNode = Record<string, unknown>;

/** schema.org's ItemAvailability values, as absolute URLs (the short names are accepted by Google, but we write URLs). */
export const ITEM_AVAILABILITY = [
  'BackOrder',
  'Discontinued',
  'InStock',
  'InStoreOnly',
  'LimitedAvailability',
  'MadeToOrder',
  'OnlineOnly',
  'OutOfStock',
  'PreOrder',
  'PreSale',
  'Reserved',
  'SoldOut',
].map((value) => `https://schema.org/${value}`);

/** Types that may stand as a seller, an author or a publisher. */
const ORGANIZATION_TYPES = ['Organization', 'GovernmentOrganization', 'LocalBusiness', 'OnlineStore', 'Corporation', 'NGO'];
const AUTHOR_TYPES = ['Person', ...ORGANIZATION_TYPES];

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

class Problems {
  readonly list: string[] = [];

  add(path: string, problem: string): void {
    this.list.push(`${path}: ${problem}`);
  }

  text(node: JsonLdNode, key: string, path: string): string | undefined {
    const value = node[key];
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(`${path}.${key}`, 'must be non-empty text');
      return undefined;
    }
    return value;
  }

  absoluteUrl(value: unknown, path: string): void {
    if (typeof value !== 'string') return this.add(path, 'must be a URL');
    try {
      const url = new URL(value);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') this.add(path, `must be an http(s) URL, not ${value}`);
    } catch {
      this.add(path, `must be an absolute URL, not ${JSON.stringify(value)}`);
    }
  }

  /** One URL, or a non-empty list of them (ImageObjects with a url count). */
  images(node: JsonLdNode, key: string, path: string): void {
    const value = node[key];
    const list = Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value];
    if (list.length === 0) return this.add(`${path}.${key}`, 'is required (at least one image URL)');
    list.forEach((item, index) => this.absoluteUrl(isNode(item) ? item.url : item, `${path}.${key}[${index}]`));
  }

  typed(node: unknown, types: readonly string[], path: string): JsonLdNode | undefined {
    if (!isNode(node)) {
      this.add(path, `must be an object of type ${types.join(' or ')}`);
      return undefined;
    }
    if (typeof node['@type'] !== 'string' || !types.includes(node['@type'])) this.add(`${path}.@type`, `must be ${types.join(' or ')}, not ${JSON.stringify(node['@type'])}`);
    return node;
  }
}

function isNode(value: unknown): value is JsonLdNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkContext(node: JsonLdNode, problems: Problems, path: string): void {
  if (node['@context'] !== 'https://schema.org' && node['@context'] !== 'https://schema.org/') problems.add(`${path}.@context`, 'must be https://schema.org');
}

/** Product with an offer: name, image, offers.price, offers.priceCurrency, offers.availability, offers.seller. */
export function productProblems(ld: unknown, currency = 'IDR'): string[] {
  const problems = new Problems();
  const product = problems.typed(ld, ['Product'], 'Product');
  if (!product) return problems.list;
  checkContext(product, problems, 'Product');
  problems.text(product, 'name', 'Product');
  problems.images(product, 'image', 'Product');
  const offers = Array.isArray(product.offers) ? (product.offers as unknown[]) : [product.offers];
  if (product.offers === undefined || offers.length === 0) problems.add('Product.offers', 'is required');
  offers.forEach((item, index) => {
    const path = `Product.offers[${index}]`;
    const offer = problems.typed(item, ['Offer'], path);
    if (!offer) return;
    const price = offer.price;
    const numeric = typeof price === 'number' ? price : typeof price === 'string' && /^\d+(\.\d+)?$/.test(price) ? Number(price) : NaN;
    if (!Number.isFinite(numeric) || numeric < 0) problems.add(`${path}.price`, `must be a non-negative number (digits and a dot only), not ${JSON.stringify(price)}`);
    if (offer.priceCurrency !== currency) problems.add(`${path}.priceCurrency`, `must be ${currency}, not ${JSON.stringify(offer.priceCurrency)}`);
    if (typeof offer.availability !== 'string' || !ITEM_AVAILABILITY.includes(offer.availability)) {
      problems.add(`${path}.availability`, `must be a schema.org ItemAvailability URL, not ${JSON.stringify(offer.availability)}`);
    }
    const seller = problems.typed(offer.seller, ORGANIZATION_TYPES, `${path}.seller`);
    if (seller) problems.text(seller, 'name', `${path}.seller`);
  });
  return problems.list;
}

/** Article: headline (at most 110 characters), image, datePublished (ISO 8601 with a zone), author with a name. */
export function articleProblems(ld: unknown): string[] {
  const problems = new Problems();
  const article = problems.typed(ld, ['Article', 'NewsArticle', 'BlogPosting'], 'Article');
  if (!article) return problems.list;
  checkContext(article, problems, 'Article');
  const headline = problems.text(article, 'headline', 'Article');
  if (headline && [...headline].length > 110) problems.add('Article.headline', 'must be at most 110 characters');
  problems.images(article, 'image', 'Article');
  const published = problems.text(article, 'datePublished', 'Article');
  if (published && (!ISO_DATE_TIME.test(published) || Number.isNaN(Date.parse(published)))) problems.add('Article.datePublished', `must be an ISO 8601 date-time with a zone, not ${published}`);
  const authors = Array.isArray(article.author) ? (article.author as unknown[]) : [article.author];
  if (article.author === undefined) problems.add('Article.author', 'is required');
  else
    authors.forEach((item, index) => {
      const author = problems.typed(item, AUTHOR_TYPES, `Article.author[${index}]`);
      if (author) problems.text(author, 'name', `Article.author[${index}]`);
    });
  return problems.list;
}

/** BreadcrumbList: ListItems numbered 1..n in order, each with a name and the absolute URL of its page. */
export function breadcrumbProblems(ld: unknown): string[] {
  const problems = new Problems();
  const list = problems.typed(ld, ['BreadcrumbList'], 'BreadcrumbList');
  if (!list) return problems.list;
  checkContext(list, problems, 'BreadcrumbList');
  const items = list.itemListElement;
  if (!Array.isArray(items) || items.length === 0) {
    problems.add('BreadcrumbList.itemListElement', 'must be a non-empty list');
    return problems.list;
  }
  (items as unknown[]).forEach((item, index) => {
    const path = `BreadcrumbList.itemListElement[${index}]`;
    const element = problems.typed(item, ['ListItem'], path);
    if (!element) return;
    if (element.position !== index + 1) problems.add(`${path}.position`, `must be ${index + 1}, not ${JSON.stringify(element.position)}`);
    problems.text(element, 'name', path);
    problems.absoluteUrl(isNode(element.item) ? element.item['@id'] : element.item, `${path}.item`);
  });
  return problems.list;
}
