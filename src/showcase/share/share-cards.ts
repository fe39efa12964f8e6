import type { ProductPage } from '../../catalog/catalog.types.js';
import { type ShareableKind, shareImagePath } from '../../common/web/web-paths.js';
import type { StoryView } from '../../stories/story.types.js';
import { formatDate, formatRupiah } from '../i18n/format.js';
import type { FacilityPageData } from '../pages/facility.page.js';
import type { PageContext } from '../pages/page-context.js';
import type { ProgrammePageData } from '../pages/programme.page.js';
import { createHash } from 'node:crypto';
import { STACKED_DESIGN_VERSION, STACKED_FORMATS, type StackedFormat } from './share-card-stacked.js';
import { SHARE_HEIGHT, SHARE_WIDTH, type ShareCard, shareCardHash } from './share-card.js';

/** Hex digits of the card's hash in its URL: 48 bits, plenty to tell versions of one page apart. */
export const SHARE_VERSION_LENGTH = 12;

/** A page's share picture as its preview tags name it, and what is drawn on it. */
export interface PageShareImage {
  url: string;
  width: number;
  height: number;
  alt: string;
  card: ShareCard;
  /** The full hash: the stored picture's name. */
  hash: string;
  /** The share kit's square and story pictures of the same card, named when asked: a page shows neither. */
  stacked(format: StackedFormat): ShareVariant;
}

export interface ShareVariant {
  url: string;
  width: number;
  height: number;
  hash: string;
}

/** A stacked picture's hash: the card's, with its format and drawing (so each format is its own stored picture). */
function stackedHash(cardHash: string, format: StackedFormat): string {
  return createHash('sha256').update(`${format}:${STACKED_DESIGN_VERSION}:${cardHash}`).digest('hex');
}

/**
 * The cards are built from exactly the data the page shows (the same loaders), so the page can
 * name its picture's version without drawing it, and the picture's route finds the same version.
 */
export function shareImageOf(ctx: PageContext, kind: ShareableKind, slug: string | undefined, card: ShareCard, alt: string): PageShareImage {
  const hash = shareCardHash(card);
  const url = ctx.absolute(shareImagePath(ctx.language, kind, slug, hash.slice(0, SHARE_VERSION_LENGTH)));
  // Two more hashes and URLs that only the share kit and the pictures' route use (issue 18).
  const variant = (format: StackedFormat): ShareVariant => {
    const variantHash = stackedHash(hash, format);
    const { width, height } = STACKED_FORMATS[format];
    return { url: ctx.absolute(shareImagePath(ctx.language, kind, slug, variantHash.slice(0, SHARE_VERSION_LENGTH), format)), width, height, hash: variantHash };
  };
  return { url, width: SHARE_WIDTH, height: SHARE_HEIGHT, alt, card, hash, stacked: variant };
}

function footer(ctx: PageContext): string {
  return new URL(ctx.baseUrl).host;
}

export function productShareImage(ctx: PageContext, { product, availability }: ProductPage): PageShareImage {
  const { t, language } = ctx;
  const price = formatRupiah(language, product.price);
  const card: ShareCard = {
    label: t.programmes[product.program].name,
    title: product.name,
    price,
    ...(availability === 'IN_STOCK' ? {} : { badge: t.product.availability[availability] }),
    detail: `${product.facility.name}, ${product.facility.regionName}`,
    footer: footer(ctx),
    photo: product.images[0]?.largeUrl,
  };
  return shareImageOf(ctx, 'product', product.slug, card, t.share.productAlt(product.name, price, product.facility.name));
}

export function storyShareImage(ctx: PageContext, story: StoryView): PageShareImage {
  const { t, language } = ctx;
  const card: ShareCard = {
    // The date on the label line, where it is never broken across lines.
    label: `${t.share.storyLabel} · ${formatDate(language, story.publishedAt)}`,
    title: story.title,
    detail: story.facility.name,
    footer: footer(ctx),
    photo: story.cover?.largeUrl ?? story.products.find((product) => product.thumbUrl)?.thumbUrl ?? undefined,
  };
  return shareImageOf(ctx, 'story', story.slug, card, t.share.storyAlt(story.title, story.facility.name));
}

export function facilityShareImage(ctx: PageContext, { facility, products }: FacilityPageData): PageShareImage {
  const { t } = ctx;
  const card: ShareCard = {
    label: facility.region.provinceName,
    title: facility.name,
    detail: t.share.facilityProducts(facility.productCount),
    footer: footer(ctx),
    photo: products.flatMap((product) => product.images)[0]?.largeUrl,
  };
  return shareImageOf(ctx, 'facility', facility.slug, card, t.share.facilityAlt(facility.name, facility.region.provinceName));
}

export function programmeShareImage(ctx: PageContext, { program, products }: ProgrammePageData, slug: string): PageShareImage {
  const { t } = ctx;
  const { name, summary } = t.programmes[program];
  const card: ShareCard = {
    label: t.share.programmeLabel,
    title: name,
    detail: summary,
    footer: footer(ctx),
    photo: products.flatMap((product) => product.images)[0]?.largeUrl,
  };
  return shareImageOf(ctx, 'programme', slug, card, t.share.programmeAlt(name));
}

/** The site's own picture: home and search pages. */
export function homeShareImage(ctx: PageContext): PageShareImage {
  const { t } = ctx;
  const card: ShareCard = { label: t.share.homeLabel, title: t.siteName, detail: t.siteTagline, footer: footer(ctx) };
  return shareImageOf(ctx, 'home', undefined, card, t.share.homeAlt);
}
