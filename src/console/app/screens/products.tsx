import { RefusalScreen } from './refusal';
import { longDate, rupiah, useI18n } from '../i18n/i18n';
import { useAdminList, useSearchForm } from '../lib/admin-list';
import { api, type Product } from '../lib/api';
import { BASE, navigate } from '../lib/router';
import { ListBody, SearchForm } from './admin-list';

/** What the home screen's cards link to: the list narrowed the same way the API narrows it. */
export interface ProductFilters {
  stockAtMost?: number;
  permitExpiresBefore?: string;
}

export function productFilters(params: URLSearchParams): ProductFilters {
  const stock = params.get('stockAtMost');
  const date = params.get('permitExpiresBefore');
  return {
    ...(stock !== null && /^\d{1,7}$/.test(stock) && { stockAtMost: Number(stock) }),
    ...(date !== null && /^\d{4}-\d{2}-\d{2}$/.test(date) && { permitExpiresBefore: date }),
  };
}

export function ProductsScreen({ query, filters }: { query: string; filters: ProductFilters }) {
  const { t, language } = useI18n();
  const filtered = filters.stockAtMost !== undefined || filters.permitExpiresBefore !== undefined;
  const list = useAdminList<Product>({ query, ...filters }, (after) =>
    api.GET('/api/v1/admin/products', {
      params: { query: { limit: 24, ...(query && { q: query }), ...filters, ...(filtered && { includeTotal: true }), ...after } },
    }),
  );
  const [search, setSearch] = useSearchForm({ query, ...filters });

  if (list.refused) return <RefusalScreen />;
  return (
    <section>
      <h1>{t('products.title')}</h1>
      <a class="button primary" href={`${BASE}/produk/baru`}>
        {t('products.new')}
      </a>
      <SearchForm
        label={t('products.search')}
        value={search.query}
        onInput={(value) => setSearch({ query: value })}
        onSearch={() => navigate(`${BASE}/produk${search.query.trim() ? `?q=${encodeURIComponent(search.query.trim())}` : ''}`)}
      />
      {filtered && (
        <p class="note" role="status">
          {filters.stockAtMost !== undefined && t('products.filterLowStock', { limit: filters.stockAtMost })}{' '}
          {filters.permitExpiresBefore !== undefined && t('products.filterPermits', { date: longDate(filters.permitExpiresBefore, language) })}{' '}
          {list.total !== undefined && t('products.total', { count: list.total })}{' '}
          <a href={`${BASE}/produk`}>{t('products.filterClear')}</a>
        </p>
      )}
      <ListBody list={list} empty={t('products.empty')} more={t('products.more')}>
        {(product) => (
          <li key={product.id}>
            <a href={`${BASE}/produk/${product.id}`}>
              {product.images[0] ? <img src={product.images[0].thumbUrl} alt="" width={56} height={56} loading="lazy" /> : <span class="noimg" />}
              <span class="grow">
                <strong>{product.name}</strong>
                <span class="meta">
                  {rupiah(product.price)} · {t('products.stock', { count: product.stock })}
                </span>
              </span>
              <span class={`badge ${product.status.toLowerCase()}`}>{t(`status.${product.status}`)}</span>
            </a>
          </li>
        )}
      </ListBody>
    </section>
  );
}
