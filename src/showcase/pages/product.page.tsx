import type { ProductPage, ProductView } from '../../catalog/catalog.types.js';
import { formatRupiah } from '../i18n/format.js';
import { Fragment, h, raw } from '../html/jsx.js';
import { programmeSlug } from '../programmes.js';
import { productLd } from '../seo/structured-data.js';
import { ShareButtons } from '../share/share-buttons.js';
import { productShareImage } from '../share/share-cards.js';
import { renderPage } from './layout.js';
import type { PageContext } from './page-context.js';
import { clip, Picture, plainText, ProductGrid, srcset, StoryList } from './parts.js';

export interface ProductPageData extends ProductPage {
  /** Other products to look at: on every page, first when this one cannot be bought. */
  related: ProductView[];
  /** The description's Markdown as sanitised HTML (common/text/markdown.ts, as stories are). */
  descriptionHtml: string;
}

const MAIN_SIZES = '(min-width: 72rem) 34rem, (min-width: 48rem) 48vw, 100vw';

export function productPage(ctx: PageContext, data: ProductPageData): string {
  const { product, availability, related, descriptionHtml } = data;
  const { t, language } = ctx;
  const pageUrl = ctx.absolute(ctx.path('product', product.slug));
  const facilityUrl = ctx.absolute(ctx.path('facility', product.facility.slug));
  const description = clip(plainText(product.description)) || `${product.name}, ${product.facility.name}`;
  const [main, ...more] = product.images;
  const price = formatRupiah(language, product.price);
  const buyable = availability === 'IN_STOCK';
  const shareImage = productShareImage(ctx, data);
  return renderPage(
    ctx,
    {
      title: `${product.name} · ${price} · ${product.facility.name}`,
      description,
      kind: 'product',
      slug: product.slug,
      ogType: 'product',
      image: shareImage,
      crumbs: [
        { name: t.programmes[product.program].name, url: ctx.absolute(ctx.path('programme', programmeSlug(product.program))) },
        { name: product.name, url: pageUrl },
      ],
      jsonLd: [productLd(product, availability, pageUrl, facilityUrl, description, shareImage.url)],
      preload: main && { href: main.mediumUrl, srcset: srcset(main), sizes: MAIN_SIZES },
    },
    <>
      <div class="product">
        <div class="gallery">
          {main ? <Picture image={main} sizes={MAIN_SIZES} main /> : null}
          {more.length > 0 ? (
            <div class="thumbs">
              {more.map((image) => (
                <Picture image={image} sizes="4.5rem" />
              ))}
            </div>
          ) : null}
        </div>
        <div>
          <h1>{product.name}</h1>
          <p class="price">
            <span class="sr">{t.product.price}: </span>
            {price}
          </p>
          <p>
            <span class={buyable ? 'badge' : 'badge out'}>{t.product.availability[availability]}</span>
            {buyable && product.stock <= 10 ? ` ${t.product.stockLeft(product.stock)}` : null}
          </p>
          {buyable ? (
            <form method="post" action={ctx.path('cart')} class="add">
              <input type="hidden" name="slug" value={product.slug} />
              <label for="qty">{t.cart.quantity}</label>
              <input id="qty" name="quantity" type="number" inputmode="numeric" min={1} max={Math.min(99, product.stock)} value={1} />
              <button type="submit">{t.cart.addButton}</button>
            </form>
          ) : null}
          {availability === 'SOLD_OUT' ? <p class="note">{t.product.soldOutNote}</p> : null}
          {availability === 'WITHDRAWN' ? <p class="note">{t.product.withdrawnNote}</p> : null}
          <dl class="facts">
            <dt>{t.product.madeBy}</dt>
            <dd>{product.maker.credit}</dd>
            <dt>{t.product.facility}</dt>
            <dd>
              <a href={ctx.path('facility', product.facility.slug)}>{product.facility.name}</a>, {product.facility.regionName}
            </dd>
            <dt>{t.product.programme}</dt>
            <dd>
              <a href={ctx.path('programme', programmeSlug(product.program))}>{t.programmes[product.program].name}</a>
            </dd>
            <dt>{t.product.category}</dt>
            <dd>{product.category.name}</dd>
            {product.weightGrams > 0 ? (
              <>
                <dt>{t.product.weight}</dt>
                <dd>{t.product.grams(product.weightGrams)}</dd>
              </>
            ) : null}
            {product.certifications.length > 0 ? (
              <>
                <dt>{t.product.certifications}</dt>
                <dd>{product.certifications.map((c) => `${c.kind.replace('_', '-')} ${c.number}`).join(', ')}</dd>
              </>
            ) : null}
          </dl>
          <ShareButtons ctx={ctx} url={pageUrl} title={product.name} text={t.share.productText(product.name, price)} />
          <h2>{t.product.description}</h2>
          <div class="prose">{raw(descriptionHtml)}</div>
        </div>
      </div>
      {product.stories.length > 0 ? (
        <section aria-labelledby="stories">
          <h2 id="stories">{t.product.stories}</h2>
          <StoryList ctx={ctx} stories={product.stories} />
        </section>
      ) : null}
      {related.length > 0 ? (
        <section aria-labelledby="related">
          <h2 id="related">{t.product.related}</h2>
          <ProductGrid ctx={ctx} products={related} />
        </section>
      ) : null}
    </>,
  );
}
