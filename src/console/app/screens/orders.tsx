import { useEffect, useState } from 'preact/hooks';
import { rupiah, useI18n, type MessageKey } from '../i18n/i18n';
import { api, type FulfilmentStatus, type OrderSummary } from '../lib/api';
import { BASE } from '../lib/router';
import { Offline } from './offline';

/**
 * The tabs, each a fulfilment status in the admin's scope. There is no "packed" state in the API:
 * a paid parcel is PROCESSING until it is shipped, so "to pack" covers packing and handing it over.
 */
export const ORDER_TABS = ['kemas', 'dikirim', 'selesai', 'semua'] as const;
export type OrderTab = (typeof ORDER_TABS)[number];
const TAB_STATUS: Record<OrderTab, FulfilmentStatus | undefined> = { kemas: 'PROCESSING', dikirim: 'SHIPPED', selesai: 'DELIVERED', semua: undefined };

export function orderTab(value: string | null): OrderTab {
  return ORDER_TABS.find((tab) => tab === value) ?? 'kemas';
}

/** Only the first name: the list is read over shoulders in a workshop; the detail has what shipping needs. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

export function shortDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));
}

export function OrdersScreen({ tab }: { tab: OrderTab }) {
  const { t, language } = useI18n();
  const [orders, setOrders] = useState<OrderSummary[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  async function load(from: string | null): Promise<void> {
    setFailed(false);
    const fulfilmentStatus = TAB_STATUS[tab];
    try {
      const { data } = await api.GET('/api/v1/admin/orders', {
        params: { query: { limit: 24, ...(fulfilmentStatus && { fulfilmentStatus }), ...(from !== null && { cursor: from }) } },
      });
      if (!data) return setFailed(true);
      setOrders((before) => (from === null ? data.data : [...(before ?? []), ...data.data]));
      setCursor(data.nextCursor);
    } catch {
      setFailed(true);
    }
  }

  useEffect(() => {
    setOrders(undefined);
    void load(null);
    // load() reads `tab`, the only input.
  }, [tab]);

  return (
    <section>
      <h1>{t('orders.title')}</h1>
      <nav class="tabs subtabs" aria-label={t('orders.tabs')}>
        {ORDER_TABS.map((each) => (
          <a key={each} href={`${BASE}/pesanan?status=${each}`} aria-current={each === tab ? 'page' : undefined}>
            {t(`orders.tab.${each}` as MessageKey)}
          </a>
        ))}
      </nav>
      {failed && (
        <Offline onRetry={() => void load(null)} />
      )}
      {orders === undefined ? (
        !failed && <p class="loading">{t('app.loading')}</p>
      ) : orders.length === 0 ? (
        <p>{t('orders.empty')}</p>
      ) : (
        <ul class="list">
          {orders.map((order) => (
            <li key={order.id}>
              <a href={`${BASE}/pesanan/${order.id}`}>
                <span class="grow">
                  <strong>{order.number}</strong>
                  <span class="meta">
                    {shortDate(order.createdAt, language)} · {firstName(order.customerName)} · {t('orders.items', { count: order.itemCount })}
                  </span>
                  <span>{rupiah(order.amounts.total)}</span>
                </span>
                <span class="badge">{t(`fulfilment.${order.fulfilments[0]?.status ?? 'PENDING'}` as MessageKey)}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {cursor !== null && (
        <button type="button" onClick={() => void load(cursor)}>
          {t('orders.more')}
        </button>
      )}
    </section>
  );
}
