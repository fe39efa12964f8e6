import type { ProductView } from '../../catalog/catalog.types.js';
import type { StoryCardView } from '../../facilities/story-card.view.js';
import { boundedMemo } from '../../common/cache/bounded-memo.js';
import { markdownToPlainText } from '../../common/text/markdown.js';
import { formatDate, formatRupiah, timeZoneOfProvince } from '../i18n/format.js';
import { Fragment, h } from '../html/jsx.js';
import type { Crumb } from '../seo/structured-data.js';
import type { PageContext } from './page-context.js';

/** Descriptions whose plain text is kept, as many as the rendered HTML (ShowcasePagesService). */
const PLAIN_TEXTS_KEPT = 2000;

/** An image in its WebP variants, as the media pipeline stores them (longest side 200/600/1200 px, never enlarged). */
export interface ImageVariants {
  thumbUrl: string;
  mediumUrl: string;
  largeUrl: string;
  /** Of the large variant. */
  width: number;
  height: number;
  alt: string;
}

const VARIANT_SIDES = [
  ['thumbUrl', 200],
  ['mediumUrl', 600],
  ['largeUrl', 1200],
] as const;

/** `srcset` of the variants with their real widths: a portrait photo's 600 px variant is narrower than 600. */
export function srcset(image: ImageVariants): string {
  const longest = Math.max(image.width, image.height);
  return VARIANT_SIDES.map(([key, side]) => `${image[key]} ${Math.max(1, Math.round(image.width * Math.min(1, side / longest)))}w`).join(', ');
}

/**
 * A photo with explicit size (no layout shift) and every variant to choose from. Below the fold
 * it loads lazily; the page's main image loads first.
 */
export function Picture(props: { image: ImageVariants; sizes: string; main?: boolean; alt?: string }): h.JSX.Element {
  const { image } = props;
  return (
    <img
      src={image.mediumUrl}
      srcset={srcset(image)}
      sizes={props.sizes}
      width={image.width}
      height={image.height}
      alt={props.alt ?? image.alt}
      loading={props.main ? 'eager' : 'lazy'}
      fetchpriority={props.main ? 'high' : undefined}
      decoding="async"
    />
  );
}

const CARD_SIZES = '(min-width: 72rem) 14rem, (min-width: 30rem) 30vw, 45vw';

export function ProductCard(props: { ctx: PageContext; product: ProductView; main?: boolean }): h.JSX.Element {
  const { ctx, product } = props;
  const [image] = product.images;
  return (
    <li class="card">
      <a href={ctx.path('product', product.slug)}>
        {image ? <Picture image={image} sizes={CARD_SIZES} alt="" main={props.main} /> : <div class="noimg" />}
        <div class="body">
          <p class="name">{product.name}</p>
          <p class="price">{formatRupiah(ctx.language, product.price)}</p>
          <p class="meta">{product.facility.name}</p>
          {product.inStock ? null : <span class="badge out">{ctx.t.product.availability.SOLD_OUT}</span>}
        </div>
      </a>
    </li>
  );
}

/**
 * Products as cards. `above` is for a grid at the top of its page (search results): its first row
 * on a phone (two cards) is the page's largest paint, so those photos load at once instead of
 * lazily (Lighthouse: the LCP image must not be lazy); the rest wait until scrolled near.
 */
export function ProductGrid(props: { ctx: PageContext; products: readonly ProductView[]; label?: string; above?: boolean }): h.JSX.Element {
  return (
    <ul class="grid" aria-label={props.label}>
      {props.products.map((product, index) => (
        <ProductCard ctx={props.ctx} product={product} main={props.above === true && index < 2} />
      ))}
    </ul>
  );
}

export function StoryCard(props: { ctx: PageContext; story: StoryCardView }): h.JSX.Element {
  const { ctx, story } = props;
  return (
    <li class="card">
      <a href={ctx.path('story', story.slug)}>
        {story.cover ? <Picture image={story.cover} sizes="(min-width: 72rem) 22rem, 90vw" alt="" /> : null}
        <div class="body">
          <p class="name">{story.title}</p>
          <p class="meta">
            {story.facility.name} · <time datetime={story.publishedAt}>{formatDate(ctx.language, story.publishedAt, timeZoneOfProvince(story.facility.provinceCode))}</time>
          </p>
        </div>
      </a>
    </li>
  );
}

export function StoryList(props: { ctx: PageContext; stories: readonly StoryCardView[] }): h.JSX.Element {
  return (
    <ul class="stories">
      {props.stories.map((story) => (
        <StoryCard ctx={props.ctx} story={story} />
      ))}
    </ul>
  );
}

/** A province with a page in the facility index. */
export interface ProvinceLink {
  code: string;
  name: string;
  count: number;
}

/** Provinces linking to their page of the facility index: the compact list home shows instead of every facility. */
export function ProvinceLinks(props: { ctx: PageContext; provinces: readonly ProvinceLink[] }): h.JSX.Element {
  const { ctx } = props;
  return (
    <ul class="links compact">
      {props.provinces.map((province) => (
        <li>
          <a href={`${ctx.path('facility')}?province=${encodeURIComponent(province.code)}`}>
            {province.name} <span class="meta">{ctx.t.home.facilityCount(province.count)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The visible trail; the same crumbs go into the page's BreadcrumbList. */
export function Breadcrumbs(props: { ctx: PageContext; crumbs: readonly Crumb[] }): h.JSX.Element {
  const last = props.crumbs.length - 1;
  return (
    <nav class="crumbs" aria-label={props.ctx.t.breadcrumbLabel}>
      <ol>
        {props.crumbs.map((crumb, index) => (
          <li>{index === last ? <span aria-current="page">{crumb.name}</span> : <a href={crumb.url}>{crumb.name}</a>}</li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * Plain text of a Markdown description, for meta descriptions, previews and JSON-LD (the site's one
 * Markdown reading). Kept per text: marked plus sanitize-html cost a product page about 0.2 ms of
 * CPU on every request (issue 18), for a description that rarely changes.
 */
export const plainText: (markdown: string) => string = boundedMemo(PLAIN_TEXTS_KEPT, markdownToPlainText);

/** At most `length` characters, cut at a word. */
export function clip(text: string, length = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), length / 2))}…`;
}

/** A description's paragraphs (blank-line separated), as text. */
export function Paragraphs(props: { text: string }): h.JSX.Element {
  return (
    <>
      {props.text
        .split(/\n\s*\n/)
        .map(plainText)
        .filter((paragraph) => paragraph.length > 0)
        .map((paragraph) => (
          <p>{paragraph}</p>
        ))}
    </>
  );
}
