import type { ProductView } from '../../catalog/catalog.types.js';
import type { FacilityDetailView } from '../../facilities/facility.types.js';
import { formatNumber, formatRupiah } from '../i18n/format.js';
import { Fragment, h } from '../html/jsx.js';
import { facilityLd } from '../seo/structured-data.js';
import { ShareButtons } from '../share/share-buttons.js';
import { facilityShareImage } from '../share/share-cards.js';
import { renderPage } from './layout.js';
import type { PageContext } from './page-context.js';
import { clip, Paragraphs, plainText, ProductGrid, StoryList } from './parts.js';

export interface FacilityPageData {
  facility: FacilityDetailView;
  products: ProductView[];
}

export function facilityPage(ctx: PageContext, data: FacilityPageData): string {
  const { facility, products } = data;
  const { t, language } = ctx;
  const pageUrl = ctx.absolute(ctx.path('facility', facility.slug));
  return renderPage(
    ctx,
    {
      title: `${facility.name} · ${t.siteName}`,
      description: clip(plainText(facility.description)) || `${facility.name}, ${facility.region.provinceName}`,
      kind: 'facility',
      slug: facility.slug,
      ogType: 'website',
      image: facilityShareImage(ctx, data),
      crumbs: [
        { name: t.facilities.title, url: ctx.absolute(ctx.path('facility')) },
        { name: facility.region.provinceName, url: ctx.absolute(`${ctx.path('facility')}?province=${encodeURIComponent(facility.region.provinceCode)}`) },
        { name: facility.name, url: pageUrl },
      ],
      jsonLd: [facilityLd(facility, pageUrl)],
    },
    <>
      <h1>{facility.name}</h1>
      <p>
        {facility.region.provinceName} · {t.facility.productCount(facility.productCount)}
      </p>
      <ul class="stats">
        <li>
          <strong>{formatNumber(language, facility.impact.itemsSold)}</strong> {t.facility.impact.itemsSold}
        </li>
        <li>
          <strong>{formatRupiah(language, facility.impact.premiPaid)}</strong> {t.facility.impact.premiPaid}
        </li>
      </ul>
      <ShareButtons ctx={ctx} url={pageUrl} title={facility.name} text={t.share.pageText(facility.name)} />
      <h2>{t.facility.productsHeading}</h2>
      {products.length > 0 ? <ProductGrid ctx={ctx} products={products} /> : <p>{t.facility.noProducts}</p>}
      {facility.productCount > products.length ? (
        <a class="next" href={`${ctx.path('search')}?facility=${encodeURIComponent(facility.slug)}`}>
          {t.home.seeAllProducts}
        </a>
      ) : null}
      {facility.latestStories.length > 0 ? (
        <section aria-labelledby="stories">
          <h2 id="stories">{t.facility.storiesHeading}</h2>
          <StoryList ctx={ctx} stories={facility.latestStories} />
        </section>
      ) : null}
      <section aria-labelledby="about">
        <h2 id="about">{t.facility.about}</h2>
        <Paragraphs text={facility.description} />
        <dl class="facts">
          <dt>{t.facility.address}</dt>
          <dd>
            {facility.address.line}, {facility.address.city}
            {facility.address.postalCode ? ` ${facility.address.postalCode}` : ''}
          </dd>
          {facility.outlet?.name ? (
            <>
              <dt>{t.facility.outlet}</dt>
              <dd>
                {facility.outlet.name}
                {facility.outlet.address ? `, ${facility.outlet.address}` : ''}
              </dd>
            </>
          ) : null}
          {facility.outlet?.openingHours ? (
            <>
              <dt>{t.facility.openingHours}</dt>
              <dd>{facility.outlet.openingHours}</dd>
            </>
          ) : null}
        </dl>
        {facility.outlet?.pickupAvailable ? <p>{t.facility.pickup}</p> : null}
      </section>
    </>,
  );
}
