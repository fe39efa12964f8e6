import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service.js';
import { ValidationError } from '../common/errors/domain-error.js';
import { decodeCursor, Page, toPage } from '../common/pagination/cursor.js';
import { DEFAULT_PAGE_SIZE } from '../common/pagination/page-query.dto.js';
import { AppConfig } from '../config/app-config.js';
import { runSql } from '../database/sql-query.js';
import { RegionsService } from '../facilities/regions.service.js';
import { MediaService } from '../media/media.service.js';
import {
  CATEGORY_PRODUCT_COUNTS_QUERY,
  Keyset,
  listProductsQuery,
  Search,
  SearchMode,
  ProductRow,
  productBySlugQuery,
  PRODUCT_SITEMAP_QUERY,
  productChangesQuery,
  productPageQuery,
  productPageWithRelatedText,
  PublicProductFilter,
  searchTerms,
  SqlQuery,
  toLoadedProduct,
} from './catalog-queries.js';
import { UnknownFacilityFilter } from './catalog.errors.js';
import { PublicCategoryView, ProductTombstoneView } from './catalog.views.js';
import { CategoriesService } from './categories.service.js';
import type { ListProductsDto, ProductSort } from './dto/list-products.dto.js';
import { CategoryNotFound, ProductGone, ProductNotFound } from './product.errors.js';
import { ProductDetailView, ProductView, toProductView } from './product.views.js';
import { ProductStoriesRegistry } from './product-stories.registry.js';
import { assertScope, type PartnerCaller } from '../auth/partner-caller.js';
import type { StoryCardView } from '../facilities/story-card.view.js';
import type { ProductAvailability, ProductPage, SitemapEntry } from './catalog.types.js';
import { TypoSearchService } from './typo-search.service.js';

type ProductPageRow = ProductRow & { visible: boolean; deleted: boolean };

/** Who is asking, as far as the public catalog cares: only mirroring needs credentials. */
export interface CatalogCaller {
  authorization?: string;
  partner?: PartnerCaller;
}

/** The filters that mirroring (`updatedSince`) cannot be combined with. */
const FILTER_FIELDS = ['q', 'facility', 'region', 'category', 'program', 'kind', 'minPrice', 'maxPrice', 'inStock', 'sort'] as const;

/**
 * Cursors name the order they belong to, so one from another sort (or from mirroring) is refused;
 * `~typos` marks a search that fell back to typo matching, so its next pages stay in that mode.
 */
type CursorOrder = ProductSort | `${ProductSort}~typos` | 'changes';

/**
 * The public catalog: what shoppers and partner storefronts read. The SQL lives in
 * catalog-queries.ts; this decides which query to run and turns rows into views.
 */
@Injectable()
export class CatalogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regions: RegionsService,
    private readonly categories: CategoriesService,
    private readonly media: MediaService,
    private readonly auth: AuthService,
    private readonly stories: ProductStoriesRegistry,
    private readonly config: AppConfig,
    private readonly typos: TypoSearchService,
  ) {}

  private readonly productPageTexts = new Map<number, string>();

  async listCategories(): Promise<{ data: PublicCategoryView[]; nextCursor: null }> {
    const [tree, counts] = await Promise.all([
      this.categories.list(),
      this.run<{ slug: string; product_count: number }>(CATEGORY_PRODUCT_COUNTS_QUERY),
    ]);
    const countBySlug = new Map(counts.map((row) => [row.slug, row.product_count]));
    return { data: tree.map((category) => ({ ...category, productCount: countBySlug.get(category.slug) ?? 0 })), nextCursor: null };
  }

  async listProducts(query: ListProductsDto, caller: CatalogCaller): Promise<Page<ProductView | ProductTombstoneView>> {
    if (query.updatedSince !== undefined) return this.listChanges(query, query.updatedSince, caller);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const sort = query.sort ?? (query.q !== undefined ? 'relevance' : 'newest');
    if (sort === 'relevance' && query.q === undefined) throw new ValidationError('sort', 'relevance needs a search text (q)');
    const terms = query.q !== undefined ? searchTerms(query.q) : undefined;
    const cursor = query.cursor !== undefined ? readCursor(query.cursor, terms ? [sort, `${sort}~typos`] : [sort]) : undefined;
    const filter = await this.resolveFilter(query);
    let mode: SearchMode = cursor?.order.endsWith('~typos') ? 'typos' : 'words';
    const page = (search: Search | undefined): Promise<ProductRow[]> =>
      // A typo page in relevance order reads the scores kept for its search (typo-search.service.ts).
      search?.mode === 'typos' && sort === 'relevance'
        ? this.typos.page(filter, search.terms, cursor?.keyset, limit + 1)
        : this.run<ProductRow>(listProductsQuery(filter, search, sort, cursor?.keyset, limit + 1));
    // A search whose typo scores are kept asks its words and its typos in one round trip.
    const first = terms && mode === 'words' && cursor === undefined && sort === 'relevance' ? await this.typos.firstPage(filter, terms, limit + 1) : undefined;
    let rows: ProductRow[];
    if (first) {
      ({ rows, mode } = first);
    } else {
      rows = await page(terms && { terms, mode });
      // Typos are looked for only when the words themselves match no product on sale (with these
      // filters): a first page without a single row says so.
      if (terms && mode === 'words' && cursor === undefined && rows.length === 0 && terms.fuzzy !== null) {
        mode = 'typos';
        rows = await page({ terms, mode });
      }
    }
    const order: CursorOrder = terms && mode === 'typos' ? `${sort}~typos` : sort;
    return toPage(rows, limit, (row) => [order, row.sort_key ?? 0, row.id], (row) => this.view(row));
  }

  async getProduct(slug: string): Promise<ProductDetailView> {
    const [row] = await this.run<ProductRow>(productBySlugQuery(slug));
    if (!row) throw new ProductNotFound();
    return { ...this.view(row), stories: await this.stories.storiesOf(row.id) };
  }

  /**
   * The product as its showcase page shows it. Unlike the API, a product that left the catalog
   * still has a page (links shared on WhatsApp must not die): `WITHDRAWN` when it is no longer on
   * sale, ProductGone once deleted, not found only if it was never published.
   */
  async getProductPage(slug: string): Promise<ProductPage> {
    const row = await this.productPageRow(slug);
    return this.productPage(row, await this.stories.storiesOf(row.id));
  }

  /**
   * The product page with up to `limit` similar products: on sale and in stock in its category
   * (a parent's subcategories included), newest first, the product itself left out. One statement
   * reads the product, its stories and the similar products (issue 18: each round trip costs the
   * database and the app more than the reading it does).
   */
  async getProductPageWithSimilar(slug: string, limit: number): Promise<ProductPage & { similar: ProductView[] }> {
    const [row, ...similar] = await this.run<ProductPageRow & { place: number; stories: unknown }>({ text: this.productPageText(limit), values: [slug] });
    const page = this.productPage(pageRow(row?.place === 0 ? row : undefined), this.stories.fromJson(row?.stories));
    return { ...page, similar: similar.map((candidate) => this.view(candidate)) };
  }

  /** Every product on sale, for the sitemap. */
  async sitemapEntries(): Promise<SitemapEntry[]> {
    const rows = await this.run<{ slug: string; updated_at: Date }>(PRODUCT_SITEMAP_QUERY);
    return rows.map((row) => ({ slug: row.slug, updatedAt: row.updated_at.toISOString() }));
  }

  /** Partner mirroring: every change since a moment, tombstones for what the public may no longer see. */
  private async listChanges(query: ListProductsDto, updatedSince: string, caller: CatalogCaller): Promise<Page<ProductView | ProductTombstoneView>> {
    await this.assertMayMirror(caller);
    const combined = FILTER_FIELDS.filter((field) => query[field] !== undefined);
    if (combined.length > 0) throw new ValidationError('updatedSince', `cannot be combined with ${combined.join(', ')}`);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor !== undefined ? readCursor(query.cursor, ['changes']).keyset : undefined;
    const rows = await this.run<ProductRow>(productChangesQuery(new Date(updatedSince), after, limit + 1));
    return toPage(
      rows,
      limit,
      (row) => ['changes', row.sort_key ?? 0, row.id],
      (row): ProductView | ProductTombstoneView =>
        row.visible ? this.view(row) : { id: row.id, deleted: true, updatedAt: new Date(row.updated_at).toISOString() },
    );
  }

  /**
   * Mirroring reveals what changed, unpublished products included, so it is not anonymous: a
   * partner's X-Api-Key with `catalog:read`, or an admin's access token.
   */
  private async assertMayMirror(caller: CatalogCaller): Promise<void> {
    if (caller.partner) return assertScope(caller.partner, 'catalog:read');
    await this.auth.authenticateHeader(
      caller.authorization,
      'updatedSince (catalog mirroring) needs credentials: send `X-Api-Key: <key with catalog:read>` (or an admin\'s `Authorization: Bearer <access token>`)',
    );
  }

  /** Turns slugs and region codes into ids; an unknown one is the client's mistake (400), not an empty list. */
  private async resolveFilter(query: ListProductsDto): Promise<PublicProductFilter> {
    const [facilityId, region, categoryIds] = await Promise.all([
      query.facility !== undefined ? this.facilityId(query.facility) : undefined,
      query.region !== undefined ? this.regions.resolve(query.region) : undefined,
      query.category !== undefined ? this.categoryIds(query.category) : undefined,
    ]);
    return {
      facilityId,
      region,
      categoryIds,
      program: query.program,
      kind: query.kind,
      minPrice: query.minPrice,
      maxPrice: query.maxPrice,
      inStock: query.inStock,
    };
  }

  private async facilityId(slug: string): Promise<string> {
    const [row] = await this.run<{ id: string }>({ text: 'SELECT id FROM facility WHERE slug = $1 AND active', values: [slug] });
    if (!row) throw new UnknownFacilityFilter(slug);
    return row.id;
  }

  /** The category and, for a parent, its subcategories. */
  private async categoryIds(slug: string): Promise<string[]> {
    const rows = await this.run<{ id: string }>({
      text: 'SELECT c.id FROM category c LEFT JOIN category parent ON parent.id = c.parent_id WHERE c.slug = $1 OR parent.slug = $1',
      values: [slug],
    });
    if (rows.length === 0) throw new CategoryNotFound(slug);
    return rows.map((row) => row.id);
  }

  /**
   * Every read is a prepared statement: planning these joins costs more than running them (the
   * text varies with the filters and sort, never with the values). A typo search too is one
   * statement: the settings its vocabulary lookup needs belong to the function that does it.
   */
  private run<Row>(query: SqlQuery): Promise<Row[]> {
    return runSql<Row>(this.dataSource, query, { prepare: true });
  }

  private async productPageRow(slug: string): Promise<ProductPageRow> {
    const [row] = await this.run<ProductPageRow>(productPageQuery(slug));
    return pageRow(row);
  }

  /**
   * The text is built once per size (it names the stories' SQL, registered at start-up): a text
   * built anew would be hashed whole on every request to find its prepared statement.
   */
  private productPageText(similar: number): string {
    let text = this.productPageTexts.get(similar);
    if (text === undefined) {
      text = productPageWithRelatedText(similar, this.stories.jsonSql('listed.id'));
      this.productPageTexts.set(similar, text);
    }
    return text;
  }

  /** A withdrawn product's stories stay with the stories feature's own rules (published ones only). */
  private productPage(row: ProductPageRow, stories: StoryCardView[]): ProductPage {
    const availability: ProductAvailability = !row.visible ? 'WITHDRAWN' : row.stock > 0 ? 'IN_STOCK' : 'SOLD_OUT';
    return { availability, product: { ...this.view(row), stories } };
  }

  private view(row: ProductRow): ProductView {
    return toProductView(toLoadedProduct(row), (hash) => this.media.urlsFor(hash), this.config.checkout.maxQuantityPerProduct, this.config.webBaseUrl);
  }
}

/** A product page's row: not found if never published, ProductGone once deleted. */
function pageRow<Row extends ProductPageRow>(row: Row | undefined): Row {
  if (!row) throw new ProductNotFound();
  if (row.deleted) throw new ProductGone();
  return row;
}

/** The order and keyset a cursor carries, refused (400) unless it was issued for one of `accepted`. */
export function readCursor(cursor: string, accepted: readonly CursorOrder[]): { order: CursorOrder; keyset: Keyset } {
  const [issuedFor, key, id] = decodeCursor(cursor, ['string', 'number', 'uuid'] as const);
  const order = accepted.find((candidate) => candidate === issuedFor);
  if (order === undefined) throw new ValidationError('cursor', 'was issued for another sort order; start again without a cursor');
  // Only relevance scores are fractional; every other key is an integer the database must accept.
  if (!order.startsWith('relevance') && !Number.isSafeInteger(key)) throw new ValidationError('cursor', 'is not a cursor this API issued');
  return { order, keyset: { key, id } };
}
