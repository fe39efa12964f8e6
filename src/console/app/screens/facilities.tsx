import { useI18n } from '../i18n/i18n';
import { useAdminList, useSearchForm } from '../lib/admin-list';
import { api, type FacilityAdmin } from '../lib/api';
import { BASE, navigate, withQuery } from '../lib/router';
import { ListBody, SearchForm } from './admin-list';
import { RefusalScreen } from './refusal';

export const FACILITY_TYPES = ['LAPAS', 'RUTAN', 'LPKA', 'BAPAS'] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];

export function facilityType(value: string | null): FacilityType | '' {
  return FACILITY_TYPES.find((type) => type === value) ?? '';
}

/** The facilities in the admin's scope (the API decides: a Kanwil's, or all), inactive ones too. */
export function FacilitiesScreen({ query, type }: { query: string; type: FacilityType | '' }) {
  const { t } = useI18n();
  const list = useAdminList<FacilityAdmin>({ query, type }, (after) =>
    api.GET('/api/v1/admin/facilities', {
      params: { query: { limit: 24, ...(query && { q: query }), ...(type && { type }), ...after } },
    }),
  );
  const [search, setSearch] = useSearchForm({ query, type });

  if (list.refused) return <RefusalScreen />;
  return (
    <section>
      <h1>{t('facilities.title')}</h1>
      <a class="button primary" href={`${BASE}/unit/baru`}>
        {t('facilities.new')}
      </a>
      <SearchForm
        label={t('facilities.search')}
        value={search.query}
        onInput={(value) => setSearch({ query: value })}
        onSearch={() => navigate(withQuery(`${BASE}/unit`, { q: search.query.trim(), jenis: search.type }))}
        filter={{
          id: 'jenis',
          label: t('facilities.type'),
          control: (
            <select id="jenis" value={search.type} onChange={(e) => setSearch({ type: facilityType(e.currentTarget.value) })}>
              <option value="">{t('facilities.allTypes')}</option>
              {FACILITY_TYPES.map((value) => (
                <option key={value} value={value}>
                  {t(`facilityType.${value}`)}
                </option>
              ))}
            </select>
          ),
        }}
      />
      <ListBody list={list} empty={t('facilities.empty')} more={t('products.more')}>
        {(facility) => (
          <li key={facility.id}>
            <a href={`${BASE}/unit/${facility.id}`}>
              <span class="grow">
                <strong>{facility.name}</strong>
                <span class="meta">
                  {facility.address.city} · {facility.region.provinceName}
                </span>
              </span>
              <span class={`badge${facility.active ? '' : ' archived'}`}>{facility.active ? t(`facilityType.${facility.type}`) : t('facilities.inactive')}</span>
            </a>
          </li>
        )}
      </ListBody>
    </section>
  );
}
