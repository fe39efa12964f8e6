import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { api, type AdminUser } from '../lib/api';
import { BASE, navigate } from '../lib/router';
import { RefusalScreen } from './refusal';
import { Offline } from './offline';

export type ActiveFilter = 'true' | 'false' | '';

export function activeFilter(value: string | null): ActiveFilter {
  return value === 'true' || value === 'false' ? value : '';
}

interface UsersQuery {
  q: string;
  active: ActiveFilter;
  /** A facility's admins only (from the facility's screen). */
  unit: string;
}

/** The admin accounts in the reader's scope: a Kanwil's, or everyone's for national staff. */
export function UsersScreen({ query }: { query: UsersQuery }) {
  const { t } = useI18n();
  const [q, setQ] = useState(query.q);
  const [active, setActive] = useState(query.active);
  const [users, setUsers] = useState<AdminUser[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [refused, setRefused] = useState(false);
  const unit = /^[0-9a-f-]{36}$/.test(query.unit) ? query.unit : '';

  async function load(from: string | null): Promise<void> {
    setFailed(false);
    try {
      const { data, response } = await api.GET('/api/v1/admin/users', {
        params: {
          query: {
            limit: 24,
            ...(query.q && { q: query.q }),
            ...(query.active && { active: query.active === 'true' }),
            ...(unit && { facilityId: unit }),
            ...(from !== null && { cursor: from }),
          },
        },
      });
      if (response.status === 403) return setRefused(true);
      if (!data) return setFailed(true);
      setUsers((before) => (from === null ? data.data : [...(before ?? []), ...data.data]));
      setCursor(data.nextCursor);
    } catch {
      setFailed(true);
    }
  }

  useEffect(() => {
    setQ(query.q);
    setActive(query.active);
    setUsers(undefined);
    void load(null);
    // load() reads `query`, the only input.
  }, [query.q, query.active, query.unit]);

  if (refused) return <RefusalScreen />;
  return (
    <section>
      <h1>{t('users.title')}</h1>
      <a class="button primary" href={`${BASE}/pengguna/baru${unit ? `?unit=${unit}` : ''}`}>
        {t('users.new')}
      </a>
      <form
        role="search"
        class="search"
        onSubmit={(event) => {
          event.preventDefault();
          const params = new URLSearchParams();
          if (q.trim()) params.set('q', q.trim());
          if (active) params.set('active', active);
          if (unit) params.set('unit', unit);
          const search = params.toString();
          navigate(`${BASE}/pengguna${search ? `?${search}` : ''}`);
        }}
      >
        <label for="q">{t('users.search')}</label>
        <input id="q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        <label for="status">{t('users.status')}</label>
        <div class="row">
          <select id="status" value={active} onChange={(e) => setActive(activeFilter(e.currentTarget.value))}>
            <option value="">{t('users.all')}</option>
            <option value="true">{t('users.active')}</option>
            <option value="false">{t('users.inactive')}</option>
          </select>
          <button type="submit">{t('products.searchButton')}</button>
        </div>
      </form>
      {unit && users?.[0]?.facilityName && <p class="note">{t('users.ofFacility', { name: users[0].facilityName })}</p>}
      {failed && (
        <Offline onRetry={() => void load(null)} />
      )}
      {users === undefined ? (
        !failed && <p class="loading">{t('app.loading')}</p>
      ) : users.length === 0 ? (
        <p>{t('users.empty')}</p>
      ) : (
        <ul class="list">
          {users.map((user) => (
            <li key={user.id}>
              <a href={`${BASE}/pengguna/${user.id}`}>
                <span class="grow">
                  <strong>{user.name}</strong>
                  <span class="meta">{user.email}</span>
                  <span class="meta">
                    {t(`role.${user.role}`)}
                    {user.facilityName && ` · ${user.facilityName}`}
                  </span>
                </span>
                {!user.active && <span class="badge archived">{t('users.inactive')}</span>}
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
