import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CatalogService } from '../catalog/catalog.service.js';
import { PROGRAMS, type ProductView } from '../catalog/catalog.types.js';
import { ListProductsDto } from '../catalog/public-query.types.js';
import { DomainError, NotFoundError } from '../common/errors/domain-error.js';
import type { Page } from '../common/pagination/cursor.js';
import { LANGUAGES, type Language, type ShareableKind, webPath, webUrl } from '../common/web/web-paths.js';
import { AppConfig } from '../config/app-config.js';
import { FacilitiesService } from '../facilities/facilities.service.js';
import type { FacilityView } from '../facilities/facility.types.js';
import { ImpactService } from '../impact/impact.service.js';
import { StoriesService } from '../stories/stories.service.js';
import { errorPage, type ErrorKind } from './pages/error.page.js';
import { type FacilityPageData, facilityPage } from './pages/facility.page.js';
import { homePage } from './pages/home.page.js';
import { PageContext } from './pages/page-context.js';
import { productPage } from './pages/product.page.js';
import { type ProgrammePageData, programmePage } from './pages/programme.page.js';
import { type SearchFilters, searchPage, searchQuery } from './pages/search.page.js';
import { storyPage } from './pages/story.page.js';
import { programmeOfSlug, programmeSlug } from './programmes.js';
import { type SitemapPage, sitemapXml } from './seo/sitemap.js';
import {
  facilityShareImage,
  homeShareImage,
  type PageShareImage,
  productShareImage,
  programmeShareImage,
  storyShareImage,
} from './share/share-cards.js';

const FEATURED = 8;
const RELATED = 4;
const PAGE_PRODUCTS = 12;
const SEARCH_PAGE = 24;
/** Enough for every facility in the country (about 630) in a few pages. */
const MAX_FACILITIES = 1000;

/** The search page reads only these from its query; anything else (utm_source, fbclid ...) is ignored, not refused. */
const SEARCH_FIELDS = ['q', 'program', 'category', 'facility', 'inStock', 'sort', 'cursor'] as const;

class ProgrammeNotFound extends NotFoundError {
  constructor() {
    super('Programme');
  }
}

/**
 * The showcase's pages: each reads what it shows through the feature services the public API
 * uses (catalog, facilities, stories, impact), so every rule (visibility, stock, consent) is
 * theirs, and renders it to HTML.
 */
@Injectable()
export class ShowcasePagesService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly facilities: FacilitiesService,
    private readonly stories: StoriesService,
    private readonly impact: ImpactService,
    private readonly config: AppConfig,
  ) {}

  async home(language: Language, nonce: string): Promise<string> {
    const [impact, featured, stories, facilities] = await Promise.all([
      this.impact.national(),
      this.products({ sort: 'popular', inStock: true, limit: FEATURED }),
      this.stories.list({ limit: 3 }),
      this.allFacilities(),
    ]);
    return homePage(this.context(language, nonce), { impact, featured, stories: stories.data, facilities });
  }

  async product(language: Language, nonce: string, slug: string): Promise<string> {
    const page = await this.catalog.getProductPage(slug);
    const similar = await this.products({ category: page.product.category.slug, inStock: true, limit: RELATED + 1 });
    const related = similar.filter((product) => product.id !== page.product.id).slice(0, RELATED);
    return productPage(this.context(language, nonce), { ...page, related });
  }

  async facility(language: Language, nonce: string, slug: string): Promise<string> {
    return facilityPage(this.context(language, nonce), await this.facilityData(slug));
  }

  async story(language: Language, nonce: string, slug: string): Promise<string> {
    return storyPage(this.context(language, nonce), await this.stories.get(slug));
  }

  async programme(language: Language, nonce: string, slug: string): Promise<string> {
    return programmePage(this.context(language, nonce), await this.programmeData(slug));
  }

  /**
   * The share picture a page names, from the same data the page is drawn from (so the version in
   * the page's og:image and the one its route finds agree). Not found / gone like the page.
   */
  async shareImage(language: Language, kind: ShareableKind, slug: string | undefined): Promise<PageShareImage> {
    const ctx = this.context(language, '');
    switch (kind) {
      case 'home':
        return homeShareImage(ctx);
      case 'product':
        return productShareImage(ctx, await this.catalog.getProductPage(slug ?? ''));
      case 'facility':
        return facilityShareImage(ctx, await this.facilityData(slug ?? ''));
      case 'story':
        return storyShareImage(ctx, await this.stories.get(slug ?? ''));
      case 'programme':
        return programmeShareImage(ctx, await this.programmeData(slug ?? ''), slug ?? '');
    }
  }

  private async facilityData(slug: string): Promise<FacilityPageData> {
    const facility = await this.facilities.getPublicBySlug(slug);
    const products = await this.products({ facility: facility.slug, limit: PAGE_PRODUCTS });
    return { facility, products };
  }

  private async programmeData(slug: string): Promise<ProgrammePageData> {
    const program = programmeOfSlug(slug);
    if (!program) throw new ProgrammeNotFound();
    const [products, stories] = await Promise.all([this.products({ program, limit: PAGE_PRODUCTS }), this.stories.list({ program, limit: 3 })]);
    return { program, products, stories: stories.data };
  }

  /**
   * Search with the API's own query rules (typo tolerance included). A filter that is not valid
   * is dropped and the visitor told so: a mistyped link still shows results, not an error.
   */
  async search(language: Language, nonce: string, query: Record<string, unknown>): Promise<string> {
    const picked = Object.fromEntries(SEARCH_FIELDS.filter((field) => query[field] !== undefined && query[field] !== '').map((field) => [field, query[field]]));
    const dto = plainToInstance(ListProductsDto, picked);
    const errors = await validate(dto, { whitelist: true });
    for (const error of errors) delete (dto as Partial<Record<string, unknown>>)[error.property];
    let invalid = errors.length > 0;
    dto.limit = SEARCH_PAGE;
    let page: Page<ProductView>;
    try {
      page = await this.productPage(dto);
    } catch (error) {
      // An unknown category or a stale cursor: the same search without them.
      if (!(error instanceof DomainError) || error.code !== 'VALIDATION_FAILED') throw error;
      invalid = true;
      dto.category = undefined;
      dto.facility = undefined;
      dto.cursor = undefined;
      page = await this.productPage(dto);
    }
    const filters: SearchFilters = { q: dto.q, program: dto.program, category: dto.category, facility: dto.facility, inStock: dto.inStock, sort: dto.sort };
    const categories = (await this.catalog.listCategories()).data;
    return searchPage(this.context(language, nonce), {
      filters,
      products: page.data,
      nextQuery: page.nextCursor !== null ? searchQuery(filters, { cursor: page.nextCursor }) : null,
      categories,
      invalid,
    });
  }

  error(language: Language, nonce: string, kind: ErrorKind): string {
    return errorPage(this.context(language, nonce), kind);
  }

  /** Every public page in both languages, with its last change where it has one. */
  async sitemap(): Promise<string> {
    const [products, facilities, stories] = await Promise.all([this.catalog.sitemapEntries(), this.facilities.sitemapEntries(), this.stories.sitemapEntries()]);
    const page = (kind: Parameters<typeof webPath>[1], slug?: string, lastModified?: string): SitemapPage => ({
      urls: LANGUAGES.map((language) => ({ language, url: webUrl(this.config.webBaseUrl, webPath(language, kind, slug)) })),
      lastModified,
    });
    return sitemapXml([
      page('home'),
      ...PROGRAMS.map((program) => page('programme', programmeSlug(program))),
      ...facilities.map((entry) => page('facility', entry.slug, entry.updatedAt)),
      ...products.map((entry) => page('product', entry.slug, entry.updatedAt)),
      ...stories.map((entry) => page('story', entry.slug, entry.updatedAt)),
    ]);
  }

  robots(): string {
    return ['User-agent: *', 'Disallow: /api/', 'Disallow: /docs', `Sitemap: ${webUrl(this.config.webBaseUrl, '/sitemap.xml')}`, ''].join('\n');
  }

  private context(language: Language, nonce: string): PageContext {
    return new PageContext(language, nonce, this.config.webBaseUrl);
  }

  private async products(query: Partial<ListProductsDto>): Promise<ProductView[]> {
    return (await this.productPage(query)).data;
  }

  /** Public product lists never carry mirroring tombstones (no `updatedSince`). */
  private async productPage(query: Partial<ListProductsDto>): Promise<Page<ProductView>> {
    const page = await this.catalog.listProducts(query, {});
    return { ...page, data: page.data.filter((item): item is ProductView => !('deleted' in item)) };
  }

  private async allFacilities(): Promise<FacilityView[]> {
    const all: FacilityView[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.facilities.listPublic({ limit: 100, cursor });
      all.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && all.length < MAX_FACILITIES);
    return all;
  }
}
