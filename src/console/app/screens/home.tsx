import { useEffect, useState } from 'preact/hooks';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { api, type Me } from '../lib/api';
import { BASE } from '../lib/router';
import { canReview } from '../lib/stories';

/** What "low" means on the home screen, and how far ahead a permit's end counts as soon. */
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

/** The first day no longer counted: permits valid until before it end within PERMIT_DAYS (or have ended). */
function permitHorizon(now: number): string {
  return new Date(now + (PERMIT_DAYS + 1) * 86_400_000).toISOString().slice(0, 10);
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
    // Counted by the API (includeTotal) with the filters the cards link to: the list shows the same products.
    const horizon = permitHorizon(Date.now());
    void api.GET('/api/v1/admin/products', { params: { query: { stockAtMost: LOW_STOCK, includeTotal: true, limit: 1 } } }).then(({ data }) => {
      if (data) put({ lowStock: { count: data.total ?? data.data.length, more: false } });
    });
    void api.GET('/api/v1/admin/products', { params: { query: { permitExpiresBefore: horizon, includeTotal: true, limit: 1 } } }).then(({ data }) => {
      if (data) put({ permits: { count: data.total ?? data.data.length, more: false } });
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
    { key: 'lowStock', title: 'home.lowStock', hint: t('home.lowStockHint', { limit: LOW_STOCK }), href: `${BASE}/produk?stockAtMost=${LOW_STOCK}`, link: 'home.openLowStock' },
    {
      key: 'permits',
      title: 'home.permits',
      hint: t('home.permitsHint', { days: PERMIT_DAYS }),
      href: `${BASE}/produk?permitExpiresBefore=${permitHorizon(Date.now())}`,
      link: 'home.openPermits',
    },
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
