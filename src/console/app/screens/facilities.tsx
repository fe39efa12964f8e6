import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { api, type FacilityAdmin } from '../lib/api';
import { BASE, navigate } from '../lib/router';
import { RefusalScreen } from './refusal';
import { Offline } from './offline';

export const FACILITY_TYPES = ['LAPAS', 'RUTAN', 'LPKA', 'BAPAS'] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];

export function facilityType(value: string | null): FacilityType | '' {
  return FACILITY_TYPES.find((type) => type === value) ?? '';
}

/** The facilities in the admin's scope (the API decides: a Kanwil's, or all), inactive ones too. */
export function FacilitiesScreen({ query, type }: { query: string; type: FacilityType | '' }) {
  const { t } = useI18n();
  const [q, setQ] = useState(query);
  const [kind, setKind] = useState(type);
  const [facilities, setFacilities] = useState<FacilityAdmin[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [refused, setRefused] = useState(false);

  async function load(from: string | null): Promise<void> {
    setFailed(false);
    try {
      const { data, response } = await api.GET('/api/v1/admin/facilities', {
        params: { query: { limit: 24, ...(query && { q: query }), ...(type && { type }), ...(from !== null && { cursor: from }) } },
      });
      if (response.status === 403) return setRefused(true);
      if (!data) return setFailed(true);
      setFacilities((before) => (from === null ? data.data : [...(before ?? []), ...data.data]));
      setCursor(data.nextCursor);
    } catch {
      setFailed(true);
    }
  }

  useEffect(() => {
    setQ(query);
    setKind(type);
    setFacilities(undefined);
    void load(null);
    // load() reads `query` and `type`, the only inputs.
  }, [query, type]);

  if (refused) return <RefusalScreen />;
  return (
    <section>
      <h1>{t('facilities.title')}</h1>
      <a class="button primary" href={`${BASE}/unit/baru`}>
        {t('facilities.new')}
      </a>
      <form
        role="search"
        class="search"
        onSubmit={(event) => {
          event.preventDefault();
          const params = new URLSearchParams();
          if (q.trim()) params.set('q', q.trim());
          if (kind) params.set('jenis', kind);
          const search = params.toString();
          navigate(`${BASE}/unit${search ? `?${search}` : ''}`);
        }}
      >
        <label for="q">{t('facilities.search')}</label>
        <input id="q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        <label for="jenis">{t('facilities.type')}</label>
        <div class="row">
          <select id="jenis" value={kind} onChange={(e) => setKind(facilityType(e.currentTarget.value))}>
            <option value="">{t('facilities.allTypes')}</option>
            {FACILITY_TYPES.map((value) => (
              <option key={value} value={value}>
                {t(`facilityType.${value}`)}
              </option>
            ))}
          </select>
          <button type="submit">{t('products.searchButton')}</button>
        </div>
      </form>
      {failed && (
        <Offline onRetry={() => void load(null)} />
      )}
      {facilities === undefined ? (
        !failed && <p class="loading">{t('app.loading')}</p>
      ) : facilities.length === 0 ? (
        <p>{t('facilities.empty')}</p>
      ) : (
        <ul class="list">
          {facilities.map((facility) => (
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
          ))}
        </ul>
      )}
      {cursor !== null && (
        <button type="button" onClick={() => void load(cursor)}>
          {t('products.more')}
        </button>
      )}
    </section>
  );
}
