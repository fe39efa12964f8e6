import { useI18n } from '../i18n/i18n';
import { useAdminList, useSearchForm } from '../lib/admin-list';
import { api, type AdminUser } from '../lib/api';
import { BASE, navigate, withQuery } from '../lib/router';
import { ListBody, SearchForm } from './admin-list';
import { RefusalScreen } from './refusal';

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
  const unit = /^[0-9a-f-]{36}$/.test(query.unit) ? query.unit : '';
  const list = useAdminList<AdminUser>(query, (after) =>
    api.GET('/api/v1/admin/users', {
      params: {
        query: {
          limit: 24,
          ...(query.q && { q: query.q }),
          ...(query.active && { active: query.active === 'true' }),
          ...(unit && { facilityId: unit }),
          ...after,
        },
      },
    }),
  );
  const [search, setSearch] = useSearchForm(query);
  const users = list.items;

  if (list.refused) return <RefusalScreen />;
  return (
    <section>
      <h1>{t('users.title')}</h1>
      <a class="button primary" href={`${BASE}/pengguna/baru${unit ? `?unit=${unit}` : ''}`}>
        {t('users.new')}
      </a>
      <SearchForm
        label={t('users.search')}
        value={search.q}
        onInput={(q) => setSearch({ q })}
        onSearch={() => navigate(withQuery(`${BASE}/pengguna`, { q: search.q.trim(), active: search.active, unit }))}
        filter={{
          id: 'status',
          label: t('users.status'),
          control: (
            <select id="status" value={search.active} onChange={(e) => setSearch({ active: activeFilter(e.currentTarget.value) })}>
              <option value="">{t('users.all')}</option>
              <option value="true">{t('users.active')}</option>
              <option value="false">{t('users.inactive')}</option>
            </select>
          ),
        }}
      />
      {unit && users?.[0]?.facilityName && <p class="note">{t('users.ofFacility', { name: users[0].facilityName })}</p>}
      <ListBody list={list} empty={t('users.empty')} more={t('products.more')}>
        {(user) => (
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
        )}
      </ListBody>
    </section>
  );
}
