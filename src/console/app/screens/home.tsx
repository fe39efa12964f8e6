import { useEffect, useState } from 'preact/hooks';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { api, type Me, type Product } from '../lib/api';
import { BASE } from '../lib/router';
import { canReview } from '../lib/stories';

/** What "low" means on the home screen; the API has no low-stock filter yet (see the issue notes). */
const LOW_STOCK = 3;
const PERMIT_DAYS = 30;
const PAGE = 100;

interface Count {
  count: number;
  more: boolean;
}

interface Today {
  toPack?: Count;
  lowStock?: Count;
  permits?: Count;
  stories?: Count;
  sentBack?: Count;
}

function permitExpiresSoon(product: Product, now: number): boolean {
  if (product.kind !== 'FOOD') return false;
  const limit = now + PERMIT_DAYS * 86_400_000;
  return product.certifications.some((permit) => permit.validUntil !== null && Date.parse(permit.validUntil) <= limit);
}

export function HomeScreen({ user }: { user: Me }) {
  const { t } = useI18n();
  const [today, setToday] = useState<Today>({});
  const reviewer = canReview(user);

  useEffect(() => {
    let live = true;
    const put = (part: Today): void => {
      if (live) setToday((before) => ({ ...before, ...part }));
    };
    // Parcels in this admin's scope waiting to be packed and shipped, not merely paid orders (another facility may have shipped its part).
    void api.GET('/api/v1/admin/orders', { params: { query: { status: 'PAID', fulfilmentStatus: 'PROCESSING', limit: PAGE } } }).then(({ data }) => {
      if (data) put({ toPack: { count: data.data.length, more: data.nextCursor !== null } });
    });
    // Low stock and permits come from the first page of published products: the API has no filter for either.
    void api.GET('/api/v1/admin/products', { params: { query: { status: 'PUBLISHED', limit: PAGE } } }).then(({ data }) => {
      if (!data) return;
      const now = Date.now();
      const more = data.nextCursor !== null;
      put({
        lowStock: { count: data.data.filter((product) => product.stock <= LOW_STOCK).length, more },
        permits: { count: data.data.filter((product) => permitExpiresSoon(product, now)).length, more },
      });
    });
    // Stories (or edits of published ones) waiting for review: the author's to wait on, the reviewer's to decide.
    void api.GET('/api/v1/admin/stories', { params: { query: { awaitingReview: 'true', limit: PAGE } } }).then(({ data }) => {
      if (data) put({ stories: { count: data.data.length, more: data.nextCursor !== null } });
    });
    if (!reviewer) {
      void api.GET('/api/v1/admin/stories', { params: { query: { sentBack: 'true', limit: PAGE } } }).then(({ data }) => {
        if (data) put({ sentBack: { count: data.data.length, more: data.nextCursor !== null } });
      });
    }
    return () => {
      live = false;
    };
  }, []);

  const cards: { key: keyof Today; title: MessageKey; hint: string; href?: string; link?: MessageKey }[] = [
    { key: 'toPack', title: 'home.toPack', hint: t('home.toPackHint'), href: `${BASE}/pesanan?status=kemas`, link: 'home.openOrders' },
    { key: 'lowStock', title: 'home.lowStock', hint: t('home.lowStockHint', { limit: LOW_STOCK }), href: `${BASE}/produk`, link: 'home.openProducts' },
    { key: 'permits', title: 'home.permits', hint: t('home.permitsHint', { days: PERMIT_DAYS }), href: `${BASE}/produk`, link: 'home.openProducts' },
    reviewer
      ? { key: 'stories', title: 'home.stories', hint: t('home.storiesReviewHint'), href: `${BASE}/tinjauan`, link: 'home.openReviews' }
      : { key: 'stories', title: 'home.stories', hint: t('home.storiesHint'), href: `${BASE}/cerita?tab=tinjau`, link: 'home.openStories' },
    ...(reviewer ? [] : [{ key: 'sentBack' as const, title: 'home.sentBack' as const, hint: t('home.sentBackHint'), href: `${BASE}/cerita?tab=kembali`, link: 'home.openStories' as const }]),
  ];

  return (
    <section>
      <h1>{t('home.title')}</h1>
      <p>{t('home.greeting', { name: user.name })}</p>
      <ul class="cards">
        {cards.map((card) => {
          const value = today[card.key];
          const shown = value === undefined ? '…' : value.more ? t('home.more', { count: value.count }) : String(value.count);
          return (
            <li class="card" key={card.key}>
              <h2>{t(card.title)}</h2>
              <p class="count" aria-live="polite">
                {shown}
              </p>
              <p class="hint">{card.hint}</p>
              {card.href && card.link && <a href={card.href}>{t(card.link)}</a>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
