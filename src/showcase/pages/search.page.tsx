import { PROGRAMS, type ProductView, type PublicCategoryView } from '../../catalog/catalog.types.js';
import { PRODUCT_SORTS } from '../../catalog/public-query.types.js';
import { Fragment, h } from '../html/jsx.js';
import { homeShareImage } from '../share/share-cards.js';
import { renderPage } from './layout.js';
import type { PageContext } from './page-context.js';
import { ProductGrid } from './parts.js';

/** The filters a search page understood (the rest of its query was ignored). */
export interface SearchFilters {
  q?: string;
  program?: string;
  category?: string;
  /** A facility's slug: its page links here for all its products. */
  facility?: string;
  inStock?: boolean;
  sort?: string;
}

export interface SearchPageData {
  filters: SearchFilters;
  products: ProductView[];
  /** The query string of the next page, when there is one. */
  nextQuery: string | null;
  categories: PublicCategoryView[];
  /** Some filters were not valid and were dropped. */
  invalid: boolean;
}

/** A query string of the filters that are set (and `extra`), for links and language versions. */
export function searchQuery(filters: SearchFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function hasFilters(filters: SearchFilters): boolean {
  return filters.program !== undefined || filters.category !== undefined || filters.inStock !== undefined || filters.sort !== undefined;
}

export function searchPage(ctx: PageContext, data: SearchPageData): string {
  const { t } = ctx;
  const { filters } = data;
  const title = filters.q ? t.search.titleFor(filters.q) : t.search.title;
  const query = searchQuery(filters);
  return renderPage(
    ctx,
    {
      title: `${title} · ${t.siteName}`,
      description: t.siteDescription,
      kind: 'search',
      query,
      ogType: 'website',
      image: homeShareImage(ctx),
      crumbs: [{ name: t.search.title, url: ctx.absolute(ctx.path('search')) }],
      // Result lists change by the minute and vary without end: people use them, indexes should not.
      noindex: query !== '',
      withoutHeaderSearch: true,
    },
    <>
      <h1>{filters.q ? title : t.search.heading}</h1>
      <form class="filters" role="search" action={ctx.path('search')} method="get">
        <div>
          <label for="q">{t.searchLabel}</label>
          <input id="q" type="search" name="q" value={filters.q ?? ''} maxlength={100} placeholder={t.searchPlaceholder} />
        </div>
        <div>
          <button type="submit">{t.searchButton}</button>
        </div>
        {filters.facility ? <input type="hidden" name="facility" value={filters.facility} /> : null}
        {/* Closed unless a filter is set: on a phone the results come first. JavaScript is not needed to open it. */}
        <details class="more" open={hasFilters(filters)}>
          <summary>{t.search.filters}</summary>
          <div>
            <div>
              <label for="program">{t.search.programme}</label>
              <select id="program" name="program">
                <option value="">{t.search.anyProgramme}</option>
                {PROGRAMS.map((program) => (
                  <option value={program} selected={filters.program === program}>
                    {t.programmes[program].name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="category">{t.search.category}</label>
              <select id="category" name="category">
                <option value="">{t.search.anyCategory}</option>
                {data.categories.map((category) => (
                  <option value={category.slug} selected={filters.category === category.slug}>
                    {category.parentSlug ? `– ${category.name}` : category.name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="sort">{t.search.sort}</label>
              <select id="sort" name="sort">
                {PRODUCT_SORTS.filter((sort) => sort !== 'relevance' || filters.q).map((sort) => (
                  <option value={sort} selected={(filters.sort ?? (filters.q ? 'relevance' : 'newest')) === sort}>
                    {t.search.sorts[sort]}
                  </option>
                ))}
              </select>
            </div>
            <div class="check">
              <input id="inStock" type="checkbox" name="inStock" value="true" checked={filters.inStock === true} />
              <label for="inStock">{t.search.inStock}</label>
            </div>
          </div>
        </details>
      </form>
      {data.invalid ? <p class="note">{t.search.invalidFilter}</p> : null}
      <p role="status">{t.search.resultCount(data.products.length, data.nextQuery !== null)}</p>
      {data.products.length > 0 ? <ProductGrid ctx={ctx} products={data.products} above /> : <p>{t.search.noResults}</p>}
      {data.nextQuery !== null ? (
        <a class="next" href={`${ctx.path('search')}${data.nextQuery}`} rel="next">
          {t.search.nextPage}
        </a>
      ) : null}
    </>,
  );
}
