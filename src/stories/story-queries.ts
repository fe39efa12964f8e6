import { PUBLIC_PRODUCT_VISIBILITY } from '../catalog/catalog-queries.js';
import { fromMicros, micros } from '../database/sql-time.js';

/** What the public may read: approved, and at a facility that is active. */
export const PUBLIC_STORY = `s.status = 'PUBLISHED' AND f.active`;

/** A story card's columns, `published_at` as `publishedAt` gives it. */
const cardColumns = (publishedAt: string): string => `s.id, s.slug, s.title, s.excerpt, s.reading_minutes, s.tags, s.program, ${publishedAt},
       ${micros('s.published_at')} AS sort_key, s.cover_hash, s.cover_width, s.cover_height, s.cover_alt,
       f.slug AS facility_slug, f.name AS facility_name, f.province_code AS facility_province_code`;

export const CARD_COLUMNS = cardColumns('s.published_at');

export interface StoryCardRow {
  id: string;
  slug: string;
  title: string;
  excerpt: string;
  reading_minutes: number;
  tags: string[];
  program: string | null;
  published_at: Date;
  sort_key: number;
  cover_hash: string | null;
  cover_width: number | null;
  cover_height: number | null;
  cover_alt: string;
  facility_slug: string;
  facility_name: string;
  facility_province_code: string;
}

/** A card row inside a JSON value (productStoryCardsJsonSql): `published_at` is the column's text. */
export type StoryCardJson = Omit<StoryCardRow, 'published_at'> & { published_at: string };

export interface StoryRow extends StoryCardRow {
  markdown: string;
  html: string;
  updated_at: Date;
  features_individual: boolean;
  maker_display_name: string | null;
  maker_name_kind: 'INITIALS' | 'PSEUDONYM' | null;
}

export interface StoryFilter {
  facilityId?: string;
  productId?: string;
  tag?: string;
  program?: string;
}

/** Newest first, one keyset page (`after` = the last row's [sort_key, id]). */
export function listStoriesQuery(filter: StoryFilter, after: readonly [number, string] | undefined, limit: number): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const conditions = [PUBLIC_STORY];
  if (filter.facilityId) conditions.push(`s.facility_id = ${param(filter.facilityId)}`);
  if (filter.productId) conditions.push(`EXISTS (SELECT 1 FROM story_product sp WHERE sp.story_id = s.id AND sp.product_id = ${param(filter.productId)})`);
  if (filter.tag) conditions.push(`s.tags @> ARRAY[${param(filter.tag)}]::text[]`);
  if (filter.program) conditions.push(`s.program = ${param(filter.program)}`);
  if (after) conditions.push(`(s.published_at, s.id) < (${fromMicros(param(after[0]))}, ${param(after[1])}::uuid)`);
  return {
    text: `SELECT ${CARD_COLUMNS}
             FROM story s JOIN facility f ON f.id = s.facility_id
            WHERE ${conditions.join('\n              AND ')}
            ORDER BY s.published_at DESC, s.id DESC
            LIMIT ${param(limit)}`,
    values,
  };
}

/**
 * The stories of one product, as listStoriesQuery({ productId }, undefined, limit) finds them, as
 * one JSON array of StoryCardJson: an expression for a statement of the catalog's that reads the
 * product anyway (the product page is one round trip, issue 18), `productId` being the product's
 * id there. `published_at` goes as text, so it comes back as the very Date the column gives.
 */
export function productStoryCardsJsonSql(productId: string, limit: number): string {
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new Error(`Not a number of stories: ${limit}`);
  return `(SELECT coalesce(json_agg(card ORDER BY card.sort_key DESC, card.id DESC), '[]')
           FROM (SELECT ${cardColumns('s.published_at::text AS published_at')}
                   FROM story s JOIN facility f ON f.id = s.facility_id
                  WHERE ${PUBLIC_STORY}
                    AND EXISTS (SELECT 1 FROM story_product sp WHERE sp.story_id = s.id AND sp.product_id = ${productId})
                  ORDER BY s.published_at DESC, s.id DESC
                  LIMIT ${limit}) card)`;
}

export const STORY_BY_SLUG_QUERY = `SELECT ${CARD_COLUMNS}, s.markdown, s.html, s.updated_at, s.features_individual,
       mc.display_name AS maker_display_name, mc.name_kind AS maker_name_kind
  FROM story s JOIN facility f ON f.id = s.facility_id
  LEFT JOIN maker_consent mc ON mc.id = s.consent_id AND s.features_individual AND mc.withdrawn_at IS NULL
 WHERE s.slug = $1 AND ${PUBLIC_STORY}`;

/** The products a story links to that are on sale now, with their first photo. */
export const STORY_PRODUCTS_QUERY = `SELECT p.slug, p.name, p.price,
       (SELECT pi.content_hash FROM product_image pi WHERE pi.product_id = p.id ORDER BY pi.position, pi.created_at, pi.id LIMIT 1) AS image_hash
  FROM story_product sp JOIN product p ON p.id = sp.product_id JOIN facility f ON f.id = p.facility_id
 WHERE sp.story_id = $1 AND ${PUBLIC_PRODUCT_VISIBILITY}
 ORDER BY p.name`;

/** Every public story's slug and last change, for the sitemap. */
export const STORY_SITEMAP_QUERY = `SELECT s.slug, s.updated_at FROM story s JOIN facility f ON f.id = s.facility_id
 WHERE ${PUBLIC_STORY}
 ORDER BY s.published_at DESC, s.id DESC
 LIMIT 20000`;

export const FACILITY_STORY_COUNT_QUERY = `SELECT count(*)::int AS count FROM story s JOIN facility f ON f.id = s.facility_id
 WHERE s.facility_id = $1 AND ${PUBLIC_STORY}`;
