import type { OrderStatus } from '../../orders/web-checkout.service.js';
import { formatDateTime, formatRupiah, type IndonesianTimeZone } from '../i18n/format.js';
import { Fragment, h } from '../html/jsx.js';
import { formPath } from '../showcase.routes.js';
import { renderPage } from './layout.js';
import type { PageContext } from './page-context.js';

/** What the shopper sees behind the order's token link: status, lines, and how to pay while unpaid. */
export function orderPage(
  ctx: PageContext,
  { order, instructions, cardPayable }: OrderStatus,
  token: string,
  returnedFromCard = false,
  zone: IndonesianTimeZone = 'WIB',
): string {
  const { t, language } = ctx;
  const title = t.order.title(order.number);
  const unpaid = order.status === 'PENDING_PAYMENT';
  return renderPage(
    ctx,
    { title: `${title} · ${t.siteName}`, description: title, kind: 'order', slug: order.number, query: `?token=${encodeURIComponent(token)}`, ogType: 'website', crumbs: [{ name: title, url: ctx.absolute(ctx.path('order', order.number)) }], private: true },
    <>
      <h1>{title}</h1>
      <p>
        {t.order.status}: <strong class="badge">{t.order.statuses[order.status] ?? order.status}</strong>
      </p>
      <p class="note">{t.order.keepLink}</p>
      {unpaid && instructions ? (
        <section aria-labelledby="pay" class="pay">
          <h2 id="pay">{t.order.payHeading}</h2>
          <p>{t.order.payIntro(formatRupiah(language, instructions.amount))}</p>
          <dl class="facts">
            <dt>{t.order.bank}</dt>
            <dd>{instructions.bankName}</dd>
            <dt>{t.order.accountNumber}</dt>
            <dd>{instructions.accountNumber}</dd>
            <dt>{t.order.accountName}</dt>
            <dd>{instructions.accountName}</dd>
            <dt>{t.order.amount}</dt>
            <dd>{formatRupiah(language, instructions.amount)}</dd>
            <dt>{t.order.reference}</dt>
            <dd>{instructions.reference}</dd>
          </dl>
          <p>
            <strong>{t.order.deadline(formatDateTime(language, order.expiresAt, zone))}</strong> {t.order.confirmNote}
          </p>
        </section>
      ) : null}
      {unpaid && cardPayable && returnedFromCard ? (
        <section aria-labelledby="processing" class="notice" role="status">
          <h2 id="processing">{t.order.processingHeading}</h2>
          <p>{t.order.processing}</p>
        </section>
      ) : null}
      {unpaid && cardPayable && !returnedFromCard ? (
        <section aria-labelledby="pay" class="pay">
          <h2 id="pay">{t.order.payHeading}</h2>
          <p>{t.order.cardIntro(formatDateTime(language, order.expiresAt, zone))}</p>
          <form method="post" action={formPath(language, 'cardPayment')}>
            <input type="hidden" name="number" value={order.number} />
            <input type="hidden" name="token" value={token} />
            <button type="submit">{t.order.payAgain}</button>
          </form>
        </section>
      ) : null}
      {unpaid && !instructions && !cardPayable ? <p class="note">{t.order.cardNote}</p> : null}
      {order.status === 'PAID' ? (
        <p class="notice" role="status">
          {t.order.paid}
        </p>
      ) : null}
      <h2>{t.order.lines}</h2>
      <table class="cart">
        <tbody>
          {order.items.map((item) => (
            <tr>
              <td>{item.name}</td>
              <td>{`${item.quantity} × ${formatRupiah(language, item.unitPrice)}`}</td>
              <td>{formatRupiah(language, item.lineTotal)}</td>
            </tr>
          ))}
          <tr>
            <td colspan={2}>{t.order.shipping}</td>
            <td>{formatRupiah(language, order.shippingTotal)}</td>
          </tr>
          <tr>
            <th scope="row" colspan={2}>
              {t.order.total}
            </th>
            <td>
              <strong>{formatRupiah(language, order.total)}</strong>
            </td>
          </tr>
        </tbody>
      </table>
    </>,
  );
}
