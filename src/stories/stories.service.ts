import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConsentWithdrawalHooks } from '../catalog/consent-withdrawal.hooks.js';
import { ProductStoriesRegistry } from '../catalog/product-stories.registry.js';
import { UnknownFacilityFilter } from '../catalog/catalog.errors.js';
import { ValidationError } from '../common/errors/domain-error.js';
import { decodeCursor, toPage, type Page } from '../common/pagination/cursor.js';
import { DEFAULT_PAGE_SIZE } from '../common/pagination/page-query.dto.js';
import { FacilityFactsRegistry } from '../facilities/facility-facts.registry.js';
import type { StoryCardView } from '../facilities/story-card.view.js';
import type { Program, SitemapEntry } from '../catalog/catalog.types.js';
import { MediaService } from '../media/media.service.js';
import { AppConfig } from '../config/app-config.js';
import { webPath, webUrl } from '../common/web/web-paths.js';
import { timestamptzFromText } from '../database/sql-json.js';
import { runSql } from '../database/sql-query.js';
import type { ListStoriesDto } from './dto/list-stories.dto.js';
import { coverView } from './story-admin.mapper.js';
import {
  FACILITY_STORY_COUNT_QUERY,
  listStoriesQuery,
  productStoryCardsJsonSql,
  STORY_BY_SLUG_QUERY,
  STORY_PRODUCTS_QUERY,
  STORY_SITEMAP_QUERY,
  type StoryCardJson,
  type StoryCardRow,
  type StoryFilter,
  type StoryRow,
} from './story-queries.js';
import { StoryNotFound } from './story.errors.js';
import type { StoryView } from './story.views.js';

const LATEST_ON_FACILITY_PAGE = 3;
const LATEST_ON_PRODUCT_PAGE = 5;

/**
 * Published stories for the public, and the story parts of the facility and product pages. Also
 * takes stories down when a maker withdraws consent, inside the withdrawal's own transaction.
 */
@Injectable()
export class StoriesService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly media: MediaService,
    private readonly facilityFacts: FacilityFactsRegistry,
    private readonly productStories: ProductStoriesRegistry,
    private readonly consentWithdrawals: ConsentWithdrawalHooks,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.facilityFacts.register(async (facilityId) => {
      const [[count], latest] = await Promise.all([
        runSql<{ count: number }>(this.dataSource, { text: FACILITY_STORY_COUNT_QUERY, values: [facilityId] }, { prepare: true }),
        this.cards({ facilityId }, LATEST_ON_FACILITY_PAGE),
      ]);
      return { storyCount: count?.count ?? 0, latestStories: latest };
    });
    this.productStories.register({
      storiesOf: (productId) => this.cards({ productId }, LATEST_ON_PRODUCT_PAGE),
      jsonSql: (productId) => productStoryCardsJsonSql(productId, LATEST_ON_PRODUCT_PAGE),
      fromJson: (value) => (value as StoryCardJson[]).map((row) => this.card({ ...row, published_at: timestamptzFromText(row.published_at) })),
    });
    this.consentWithdrawals.register(async (em, consentId) => {
      // Unpublished at once, in the withdrawal's transaction; the consent link stays, so the story
      // cannot be approved again with it.
      const taken = await em.query<{ id: string }[]>(
        `WITH taken AS (
           UPDATE story SET status = 'ARCHIVED', updated_at = now(), version = version + 1
            WHERE consent_id = $1 AND status = 'PUBLISHED' RETURNING id)
         SELECT id FROM taken`,
        [consentId],
      );
      return { storiesUnpublished: taken.map((row) => row.id) };
    });
  }

  async list(query: ListStoriesDto): Promise<Page<StoryCardView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor !== undefined ? decodeCursor(query.cursor, ['number', 'uuid'] as const) : undefined;
    const filter: StoryFilter = {
      facilityId: query.facility !== undefined ? await this.facilityId(query.facility) : undefined,
      productId: query.product !== undefined ? await this.productId(query.product) : undefined,
      tag: query.tag,
      program: query.program,
    };
    const rows = await runSql<StoryCardRow>(this.dataSource, listStoriesQuery(filter, after, limit + 1), { prepare: true });
    return toPage(rows, limit, (row) => [row.sort_key, row.id], (row) => this.card(row));
  }

  async get(slug: string): Promise<StoryView> {
    const [row] = await runSql<StoryRow>(this.dataSource, { text: STORY_BY_SLUG_QUERY, values: [slug] }, { prepare: true });
    if (!row) throw new StoryNotFound();
    const products = await runSql<{ slug: string; name: string; price: number; image_hash: string | null }>(
      this.dataSource,
      { text: STORY_PRODUCTS_QUERY, values: [row.id] },
      { prepare: true },
    );
    return {
      ...this.card(row),
      html: row.html,
      markdown: row.markdown,
      products: products.map((p) => ({ slug: p.slug, name: p.name, price: p.price, thumbUrl: p.image_hash ? this.media.urlsFor(p.image_hash).thumbUrl : null })),
      maker: row.maker_display_name && row.maker_name_kind ? { displayName: row.maker_display_name, nameKind: row.maker_name_kind } : null,
      updatedAt: row.updated_at.toISOString(),
    };
  }

  /** Every published story, for the sitemap. */
  async sitemapEntries(): Promise<SitemapEntry[]> {
    const rows = await runSql<{ slug: string; updated_at: Date }>(this.dataSource, { text: STORY_SITEMAP_QUERY, values: [] }, { prepare: true });
    return rows.map((row) => ({ slug: row.slug, updatedAt: row.updated_at.toISOString() }));
  }

  private async cards(filter: StoryFilter, limit: number): Promise<StoryCardView[]> {
    const rows = await runSql<StoryCardRow>(this.dataSource, listStoriesQuery(filter, undefined, limit), { prepare: true });
    return rows.map((row) => this.card(row));
  }

  private card(row: StoryCardRow): StoryCardView {
    return {
      slug: row.slug,
      title: row.title,
      excerpt: row.excerpt,
      readingMinutes: row.reading_minutes,
      tags: row.tags,
      program: row.program as Program | null,
      publishedAt: row.published_at.toISOString(),
      cover: coverView(this.media, { coverHash: row.cover_hash, coverWidth: row.cover_width, coverHeight: row.cover_height, coverAlt: row.cover_alt }),
      facility: { slug: row.facility_slug, name: row.facility_name, provinceCode: row.facility_province_code },
      webUrl: webUrl(this.config.webBaseUrl, webPath('id', 'story', row.slug)),
    };
  }

  private async facilityId(slug: string): Promise<string> {
    const [row] = await this.dataSource.query<{ id: string }[]>('SELECT id FROM facility WHERE slug = $1 AND active', [slug]);
    if (!row) throw new UnknownFacilityFilter(slug);
    return row.id;
  }

  private async productId(slug: string): Promise<string> {
    const [row] = await this.dataSource.query<{ id: string }[]>('SELECT id FROM product WHERE slug = $1 AND deleted_at IS NULL', [slug]);
    if (!row) throw new ValidationError('product', `"${slug}" is not a product's slug`);
    return row.id;
  }
}
