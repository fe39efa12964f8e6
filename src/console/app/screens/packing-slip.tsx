import { useI18n, aroundCode } from '../i18n/i18n';
import { BASE } from '../lib/router';
import { OrderHeading, useOrder } from './order';
import { shortDate } from './orders';
import { Offline } from './offline';

/**
 * The sheet that goes into the parcel: order number, what is in it and where it goes. No prices:
 * the recipient may be receiving a gift. The print stylesheet hides the console around it.
 */
export function PackingSlipScreen({ id }: { id: string }) {
  const { t, language } = useI18n();
  const { order, failed, reload } = useOrder(id);

  if (failed) return <Offline onRetry={reload} />;
  if (order === undefined) return <p class="loading">{t('app.loading')}</p>;
  if (order === null)
    return (
      <section>
        <h1>{t('orders.notFound')}</h1>
        <a href={`${BASE}/pesanan`}>{t('orders.back')}</a>
      </section>
    );

  const address = order.delivery.address;
  return (
    <section class="slip">
      <div class="noprint actions">
        <a href={`${BASE}/pesanan/${order.id}`}>{t('slip.back')}</a>
        <button type="button" class="primary" onClick={() => window.print()}>
          {t('slip.print')}
        </button>
      </div>
      <OrderHeading text={aroundCode((number) => t('slip.title', { number }))} number={order.number} />
      <p>{shortDate(order.createdAt, language)}</p>
      <h2>{t('slip.to')}</h2>
      {address ? (
        <address>
          <strong>{address.recipient}</strong> ({address.phone})<br />
          {address.line1}
          <br />
          {address.line2 && (
            <>
              {address.line2}
              <br />
            </>
          )}
          {address.city}, {address.province} {address.postalCode}
        </address>
      ) : (
        <p>{t('order.pickup')}</p>
      )}
      <h2>{t('slip.contents')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('slip.quantity')}</th>
            <th scope="col">{t('slip.product')}</th>
            <th scope="col">{t('slip.from')}</th>
          </tr>
        </thead>
        <tbody>
          {order.items.map((item) => (
            <tr key={item.id}>
              <td>{item.quantity}</td>
              <td>{item.name}</td>
              <td>{item.facility.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {order.note && <p>{t('order.note', { note: order.note })}</p>}
    </section>
  );
}
