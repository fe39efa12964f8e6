import { FACILITY_TYPES, type FacilityType, type FacilityView } from '../../facilities/facility.types.js';
import { Fragment, h } from '../html/jsx.js';
import type { Crumb } from '../seo/structured-data.js';
import { renderPage } from './layout.js';
import type { PageContext } from './page-context.js';
import { type ProvinceLink, ProvinceLinks } from './parts.js';

/** What the index was asked for, once checked; page 1 when none. */
export interface FacilityIndexFilters {
  /** Kemendagri code, e.g. `63`. */
  province?: string;
  type?: FacilityType;
  page: number;
}

export interface ProvinceGroup {
  code: string;
  name: string;
  kanwilName: string;
  facilities: FacilityView[];
}

export interface FacilityIndexData {
  filters: FacilityIndexFilters;
  /** Every province with a facility, for the filter and the links (counts ignore the type filter). */
  provinces: ProvinceLink[];
  /** This page's facilities, by province. */
  groups: ProvinceGroup[];
  total: number;
  pages: number;
  /** Some of the query was not understood and was dropped. */
  invalid: boolean;
}

/** The query string of an index page (`?province=63&type=LAPAS&page=2`): links, canonical and language versions agree on it. */
export function facilityIndexQuery(filters: FacilityIndexFilters, page = filters.page): string {
  const params = new URLSearchParams();
  if (filters.province) params.set('province', filters.province);
  if (filters.type) params.set('type', filters.type);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Every published facility, by province, filtered with a plain GET form and paged, so that at
 * national scale (about 630 units) each page stays well inside the 50 KB HTML budget.
 */
export function facilityIndexPage(ctx: PageContext, data: FacilityIndexData): string {
  const { t } = ctx;
  const { filters } = data;
  const indexPath = ctx.path('facility');
  const provinceName = data.provinces.find((province) => province.code === filters.province)?.name ?? null;
  const title = provinceName ? t.facilities.titleIn(provinceName) : t.facilities.title;
  const crumbs: Crumb[] = [{ name: t.facilities.title, url: ctx.absolute(indexPath) }];
  if (provinceName && filters.province) crumbs.push({ name: provinceName, url: ctx.absolute(`${indexPath}${facilityIndexQuery({ province: filters.province, page: 1 })}`) });
  const pageSuffix = filters.page > 1 ? ` · ${t.facilities.pageLabel(filters.page)}` : '';
  return renderPage(
    ctx,
    {
      title: `${title}${pageSuffix} · ${t.siteName}`,
      description: t.facilities.description(provinceName),
      kind: 'facility',
      query: facilityIndexQuery(filters),
      ogType: 'website',
      crumbs,
    },
    <>
      <h1>{provinceName ? title : t.facilities.heading}</h1>
      <p>{t.facilities.intro}</p>
      <form class="filters facility-filters" action={indexPath} method="get">
        <div>
          <label for="province">{t.facilities.province}</label>
          <select id="province" name="province">
            <option value="">{t.facilities.anyProvince}</option>
            {data.provinces.map((province) => (
              <option value={province.code} selected={province.code === filters.province}>
                {province.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="type">{t.facilities.type}</label>
          <select id="type" name="type">
            <option value="">{t.facilities.anyType}</option>
            {FACILITY_TYPES.map((type) => (
              <option value={type} selected={type === filters.type}>
                {t.facilities.types[type]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">{t.facilities.show}</button>
        </div>
      </form>
      {data.invalid ? <p class="note">{t.facilities.invalidFilter}</p> : null}
      {/* Crawlers follow links, not forms: the unfiltered index links every province's page. */}
      {!filters.province && !filters.type && filters.page === 1 ? (
        <nav aria-labelledby="by-province">
          <h2 id="by-province">{t.home.facilitiesHeading}</h2>
          <ProvinceLinks ctx={ctx} provinces={data.provinces} />
        </nav>
      ) : null}
      <p role="status">{t.facilities.count(data.total)}</p>
      {data.groups.length === 0 ? <p>{t.facilities.none}</p> : null}
      {data.groups.map((group) => (
        <section aria-labelledby={`p${group.code}`}>
          <h2 id={`p${group.code}`}>
            {group.name} <span class="meta">{group.kanwilName}</span>
          </h2>
          <ul class="links units">
            {group.facilities.map((facility) => (
              <li>
                {/* The city inside the link: one target of 44 px or more, and a name that says where. */}
                <a href={ctx.path('facility', facility.slug)}>
                  {facility.name} <span class="meta">{facility.address.city}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <Pager ctx={ctx} filters={filters} pages={data.pages} />
    </>,
  );
}

function Pager(props: { ctx: PageContext; filters: FacilityIndexFilters; pages: number }): h.JSX.Element | null {
  const { ctx, filters, pages } = props;
  if (pages <= 1) return null;
  const { t } = ctx;
  const href = (page: number): string => `${ctx.path('facility')}${facilityIndexQuery(filters, page)}`;
  const numbers = Array.from({ length: pages }, (_, index) => index + 1);
  return (
    <nav class="pager" aria-label={t.facilities.pages}>
      <ul>
        {filters.page > 1 ? (
          <li>
            <a href={href(filters.page - 1)} rel="prev">
              {t.facilities.previous}
            </a>
          </li>
        ) : null}
        {numbers.map((page) => (
          <li>
            {page === filters.page ? (
              <span aria-current="page">{page}</span>
            ) : (
              <a href={href(page)} aria-label={t.facilities.pageLabel(page)}>
                {page}
              </a>
            )}
          </li>
        ))}
        {filters.page < pages ? (
          <li>
            <a href={href(filters.page + 1)} rel="next">
              {t.facilities.next}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
