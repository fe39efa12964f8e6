import { useEffect, useState } from 'preact/hooks';
import { longDate, rupiah, useI18n } from '../i18n/i18n';
import { api, type Product } from '../lib/api';
import { BASE, navigate } from '../lib/router';
import { Offline } from './offline';

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
  const [q, setQ] = useState(query);
  const [products, setProducts] = useState<Product[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<number | undefined>();
  const filtered = filters.stockAtMost !== undefined || filters.permitExpiresBefore !== undefined;
  const filterKey = `${filters.stockAtMost ?? ''}|${filters.permitExpiresBefore ?? ''}`;
  const [failed, setFailed] = useState(false);

  async function load(from: string | null): Promise<void> {
    setFailed(false);
    try {
      const { data } = await api.GET('/api/v1/admin/products', {
        params: { query: { limit: 24, ...(query && { q: query }), ...filters, ...(filtered && { includeTotal: true }), ...(from !== null && { cursor: from }) } },
      });
      if (!data) return setFailed(true);
      setTotal(data.total);
      setProducts((before) => (from === null ? data.data : [...(before ?? []), ...data.data]));
      setCursor(data.nextCursor);
    } catch {
      setFailed(true);
    }
  }

  useEffect(() => {
    setQ(query);
    setProducts(undefined);
    void load(null);
    // load() reads `query` and the filters, its only inputs.
  }, [query, filterKey]);

  return (
    <section>
      <h1>{t('products.title')}</h1>
      <a class="button primary" href={`${BASE}/produk/baru`}>
        {t('products.new')}
      </a>
      <form
        role="search"
        class="search"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(`${BASE}/produk${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`);
        }}
      >
        <label for="q">{t('products.search')}</label>
        <div class="row">
          <input id="q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
          <button type="submit">{t('products.searchButton')}</button>
        </div>
      </form>
      {filtered && (
        <p class="note" role="status">
          {filters.stockAtMost !== undefined && t('products.filterLowStock', { limit: filters.stockAtMost })}{' '}
          {filters.permitExpiresBefore !== undefined && t('products.filterPermits', { date: longDate(filters.permitExpiresBefore, language) })}{' '}
          {total !== undefined && t('products.total', { count: total })}{' '}
          <a href={`${BASE}/produk`}>{t('products.filterClear')}</a>
        </p>
      )}
      {failed && (
        <Offline onRetry={() => void load(null)} />
      )}
      {products === undefined ? (
        !failed && <p class="loading">{t('app.loading')}</p>
      ) : products.length === 0 ? (
        <p>{t('products.empty')}</p>
      ) : (
        <ul class="list">
          {products.map((product) => (
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
