import { PROGRAMS, type ProductView } from '../../catalog/catalog.types.js';
import type { StoryCardView } from '../../facilities/story-card.view.js';
import type { ImpactView } from '../../impact/impact.types.js';
import { formatNumber, formatRupiah } from '../i18n/format.js';
import { Fragment, h } from '../html/jsx.js';
import { programmeSlug } from '../programmes.js';
import { websiteLd } from '../seo/structured-data.js';
import { homeShareImage } from '../share/share-cards.js';
import { renderPage } from './layout.js';
import type { PageContext } from './page-context.js';
import { ProductGrid, type ProvinceLink, ProvinceLinks, StoryList } from './parts.js';

export interface HomeData {
  impact: ImpactView;
  featured: ProductView[];
  stories: StoryCardView[];
  /** Provinces with a facility, by name: a compact list that links into the facility index (not 630 links). */
  provinces: ProvinceLink[];
}

export function homePage(ctx: PageContext, data: HomeData): string {
  const { t, language } = ctx;
  const counters: [string, string][] = [
    [formatNumber(language, data.impact.itemsSold), t.home.impact.itemsSold],
    [formatRupiah(language, data.impact.premiPaid), t.home.impact.premiPaid],
    [formatNumber(language, data.impact.foodKgSold), t.home.impact.foodKgSold],
    [formatNumber(language, data.impact.products), t.home.impact.products],
    [formatNumber(language, data.impact.facilities), t.home.impact.facilities],
    [formatNumber(language, data.impact.storiesPublished), t.home.impact.storiesPublished],
  ];
  const siteUrl = ctx.absolute(ctx.path('home'));
  return renderPage(
    ctx,
    {
      title: t.home.title,
      description: t.siteDescription,
      kind: 'home',
      ogType: 'website',
      image: homeShareImage(ctx),
      crumbs: [],
      jsonLd: [websiteLd(t.siteName, siteUrl, `${ctx.absolute(ctx.path('search'))}?q={q}`, language)],
    },
    <>
      <h1>{t.home.heading}</h1>
      <p>{t.home.intro}</p>
      <section aria-labelledby="impact">
        <h2 id="impact">{t.home.impactHeading}</h2>
        <ul class="stats">
          {counters.map(([value, label]) => (
            <li>
              <strong>{value}</strong> {label}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="programmes">
        <h2 id="programmes">{t.home.programmesHeading}</h2>
        <ul class="programmes">
          {PROGRAMS.map((program) => (
            <li>
              <a href={ctx.path('programme', programmeSlug(program))}>{t.programmes[program].name}</a>
              <p>{t.programmes[program].summary}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="featured">
        <h2 id="featured">{t.home.featuredHeading}</h2>
        <ProductGrid ctx={ctx} products={data.featured} />
        <a class="next" href={ctx.path('search')}>
          {t.home.seeAllProducts}
        </a>
      </section>
      {data.stories.length > 0 ? (
        <section aria-labelledby="stories">
          <h2 id="stories">{t.home.storiesHeading}</h2>
          <StoryList ctx={ctx} stories={data.stories} />
        </section>
      ) : null}
      <section aria-labelledby="facilities">
        <h2 id="facilities">{t.home.facilitiesHeading}</h2>
        <ProvinceLinks ctx={ctx} provinces={data.provinces} />
        <a class="next" href={ctx.path('facility')}>
          {t.home.allFacilities}
        </a>
      </section>
    </>,
  );
}
