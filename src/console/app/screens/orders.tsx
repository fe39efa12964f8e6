import { RefusalScreen } from './refusal';
import { rupiah, useI18n, type MessageKey } from '../i18n/i18n';
import { useAdminList } from '../lib/admin-list';
import { api, type FulfilmentStatus, type OrderSummary } from '../lib/api';
import { BASE } from '../lib/router';
import { ListBody } from './admin-list';

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
  const list = useAdminList<OrderSummary>({ tab }, (after) => {
    const fulfilmentStatus = TAB_STATUS[tab];
    return api.GET('/api/v1/admin/orders', {
      params: { query: { limit: 24, ...(fulfilmentStatus && { fulfilmentStatus }), ...after } },
    });
  });

  if (list.refused) return <RefusalScreen />;
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
      <ListBody list={list} empty={t('orders.empty')} more={t('orders.more')}>
        {(order) => (
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
        )}
      </ListBody>
    </section>
  );
}
