import { useEffect, useState } from 'preact/hooks';
import { rupiah, useI18n } from '../i18n/i18n';
import { api, type Product } from '../lib/api';
import { BASE, navigate } from '../lib/router';

export function ProductsScreen({ query }: { query: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState(query);
  const [products, setProducts] = useState<Product[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  async function load(from: string | null): Promise<void> {
    setFailed(false);
    try {
      const { data } = await api.GET('/api/v1/admin/products', {
        params: { query: { limit: 24, ...(query && { q: query }), ...(from !== null && { cursor: from }) } },
      });
      if (!data) return setFailed(true);
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
    // load() reads `query`, the only input.
  }, [query]);

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
      {failed && (
        <p class="alert" role="alert">
          {t('app.offline')}{' '}
          <button type="button" onClick={() => void load(null)}>
            {t('app.retry')}
          </button>
        </p>
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
