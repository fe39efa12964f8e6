import { useEffect, useState } from 'preact/hooks';
import { id as catalogue } from '../i18n/id';
import { rupiah, useI18n, aroundCode, type MessageKey, type Translate } from '../i18n/i18n';
import { api, asProblem, type Courier, type Fulfilment, type Order } from '../lib/api';
import { useDraft } from '../lib/drafts';
import { readProblem, type FieldErrors } from '../lib/problems';
import { BASE } from '../lib/router';
import { Field } from './field';
import { Said } from './form-notes';
import { shortDate } from './orders';
import { Offline } from './offline';

function isMessageKey(key: string): key is MessageKey {
  return key in catalogue;
}

/** The API's couriers; one the facility does not offer comes back as a field error beside the select. */
const COURIERS: readonly Courier[] = ['JNE', 'JNT', 'SICEPAT', 'ANTERAJA', 'POS', 'TIKI'];

/** Loads one order as the admin may see it; `undefined` while loading, `null` when it is not theirs (404). */
export function useOrder(id: string): { order: Order | null | undefined; failed: boolean; reload: () => void; setOrder: (order: Order) => void } {
  const [order, setOrder] = useState<Order | null | undefined>();
  const [failed, setFailed] = useState(false);
  const load = (): void => {
    setFailed(false);
    api
      .GET('/api/v1/admin/orders/{id}', { params: { path: { id } } })
      .then(({ data, response }) => {
        if (data) setOrder(data);
        else if (response.status === 404) setOrder(null);
        else setFailed(true);
      })
      .catch(() => setFailed(true));
  };
  useEffect(load, [id]);
  return { order, failed, reload: load, setOrder };
}

export function OrderScreen({ id }: { id: string }) {
  const { t, language } = useI18n();
  const { order, failed, reload, setOrder } = useOrder(id);

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
    <section>
      <a href={`${BASE}/pesanan`}>{t('orders.back')}</a>
      <OrderHeading text={aroundCode((number) => t('order.title', { number }))} number={order.number} />
      <p class="meta">
        {shortDate(order.createdAt, language)} · {t(`order.status.${order.status}` as MessageKey)}
        {order.paidAt && ` · ${t('order.paidAt', { date: shortDate(order.paidAt, language) })}`}
      </p>
      {order.partial && <p class="note">{t('order.partial')}</p>}

      <section class="card" aria-labelledby="lines-title">
        <h2 id="lines-title">{t('order.lines')}</h2>
        <ul class="lines">
          {order.items.map((item) => (
            <li key={item.id}>
              <span>
                {item.quantity} × {item.name}
              </span>
              <span>{rupiah(item.lineTotal)}</span>
            </li>
          ))}
        </ul>
        <p class="total">
          <span>{t('order.shipping')}</span> <span>{rupiah(order.amounts.shippingTotal)}</span>
        </p>
        <p class="total">
          <strong>{t('order.total')}</strong> <strong>{rupiah(order.amounts.total)}</strong>
        </p>
      </section>

      <section class="card" aria-labelledby="delivery-title">
        <h2 id="delivery-title">{t('order.delivery')}</h2>
        {address ? (
          <address>
            {address.recipient} ({address.phone})<br />
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
        {order.note && <p>{t('order.note', { note: order.note })}</p>}
      </section>

      {order.fulfilments.map((fulfilment) => (
        <FulfilmentCard key={fulfilment.id} order={order} fulfilment={fulfilment} onChanged={setOrder} />
      ))}

      {order.status === 'PAID' && !order.partial && order.fulfilments.every((f) => f.status === 'PENDING' || f.status === 'PROCESSING') && (
        <CancelCard order={order} onCancelled={reload} />
      )}

      <OrderSource attribution={order.attribution} />

      <section class="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('order.history')}</h2>
        <ol class="history">
          {order.history.map((entry) => (
            <li key={entry.id}>
              {shortDate(entry.createdAt, language)}: {historyLabel(entry.toStatus, entry.paymentId !== null, t)}
              {entry.reason && ` (${entry.reason})`}
            </li>
          ))}
        </ol>
      </section>
    </section>
  );
}

type Touch = NonNullable<Order['attribution']['lastTouch']>;

/**
 * The Humas share link that brought the buyer (issue 17): the last touch, which reports count by
 * default, and the first when another link brought them earlier. Nothing for an order without one.
 */
function OrderSource({ attribution: { lastTouch, firstTouch } }: { attribution: Order['attribution'] }) {
  const { t } = useI18n();
  if (!lastTouch && !firstTouch) return null;
  const showFirst = firstTouch && firstTouch.code !== lastTouch?.code;
  return (
    <section class="card" aria-labelledby="source-title">
      <h2 id="source-title">{t('order.source')}</h2>
      <p class="hint">{t('order.sourceHint')}</p>
      <dl class="touches">
        {lastTouch && (
          <>
            <dt>{t('summary.last')}</dt>
            <dd>
              <TouchText touch={lastTouch} />
            </dd>
          </>
        )}
        {showFirst && (
          <>
            <dt>{t('summary.first')}</dt>
            <dd>
              <TouchText touch={firstTouch} />
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** `Harkitnas · Instagram · 9 Des 2026`, the day in WIB; a deleted campaign's link by its code. */
function TouchText({ touch }: { touch: Touch }) {
  const { t, language } = useI18n();
  const day = new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Asia/Jakarta' }).format(new Date(touch.at));
  const source = touch.campaignName !== null && touch.channel !== null ? `${touch.campaignName} · ${t(`channel.${touch.channel}`)}` : t('order.sourceGone', { code: touch.code });
  return (
    <>
      {source} · {day}
    </>
  );
}

/** A history step in words; the statuses of the order, its parcels and its payment share some names. */
function historyLabel(status: string, payment: boolean, t: Translate): string {
  const key = `history.${payment ? 'payment.' : ''}${status}`;
  return isMessageKey(key) ? t(key) : status;
}

function FulfilmentCard({ order, fulfilment, onChanged }: { order: Order; fulfilment: Fulfilment; onChanged: (order: Order) => void }) {
  const { t } = useI18n();
  const draft = useDraft(`ship:${fulfilment.id}`, { courier: '', trackingNumber: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ text: string; kind: 'alert' | 'status' } | undefined>();
  const canShip = order.status === 'PAID' && fulfilment.deliveryMethod === 'SHIPPING' && (fulfilment.status === 'PROCESSING' || fulfilment.status === 'PENDING');
  const prefix = `f-${fulfilment.id.slice(0, 8)}`;

  async function ship(event: Event): Promise<void> {
    event.preventDefault();
    setErrors({});
    setMessage(undefined);
    const courier = COURIERS.find((each) => each === draft.value.courier);
    const trackingNumber = draft.value.trackingNumber.trim();
    const missing: FieldErrors = {};
    if (!courier) missing.courier = t('error.courier');
    if (!trackingNumber) missing.trackingNumber = t('error.required');
    if (!courier || !trackingNumber) return setErrors(missing);
    try {
      const { data, error, response } = await api.POST('/api/v1/admin/fulfilments/{id}/ship', {
        params: { path: { id: fulfilment.id } },
        body: { courier, trackingNumber },
      });
      if (!data) {
        const read = readProblem(asProblem(error, response.status), t);
        setErrors(read.fields);
        return setMessage(read.message ? { text: read.message, kind: 'alert' } : undefined);
      }
      draft.reset({ courier: '', trackingNumber: '' });
      onChanged(data);
      setMessage({ text: t('order.shipped'), kind: 'status' });
    } catch {
      setMessage({ text: t('app.offline'), kind: 'alert' });
    }
  }

  return (
    <section class="card" aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>
        {fulfilment.facility.name}: {t(`fulfilment.${fulfilment.status}` as MessageKey)}
      </h2>
      <Said message={message} />
      {fulfilment.trackingNumber && (
        <p>
          {t('order.resi', { courier: fulfilment.courier ?? '', number: fulfilment.trackingNumber })}
        </p>
      )}
      {canShip && (
        <>
          <h3>{t('order.packTitle')}</h3>
          <p class="hint">{t('order.packHint')}</p>
          <a class="button" href={`${BASE}/pesanan/${order.id}/slip`}>
            {t('order.pack')}
          </a>
          <h3>{t('order.shipTitle')}</h3>
          <form onSubmit={(event) => void ship(event)} noValidate>
            <Field id={`${prefix}-courier`} label={t('order.courier')} error={errors.courier} value={draft.value.courier} onInput={(courier) => draft.set({ ...draft.value, courier })} select required>
              <option value="">{t('order.chooseCourier')}</option>
              {COURIERS.map((courier) => (
                <option key={courier} value={courier}>
                  {courier}
                </option>
              ))}
            </Field>
            <Field
              id={`${prefix}-resi`}
              label={t('order.trackingNumber')}
              hint={t('order.trackingHint')}
              error={errors.trackingNumber}
              value={draft.value.trackingNumber}
              onInput={(trackingNumber) => draft.set({ ...draft.value, trackingNumber })}
              required
            />
            <button type="submit" class="primary">
              {t('order.ship')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

/**
 * Cancelling a paid order is a full refund through the API (POST /admin/orders/{id}/refund with no
 * items), the units going back in stock. Offered only before anything left the facility and when the
 * whole order is this admin's: the API refuses a facility admin a full refund of a shared order.
 */
function CancelCard({ order, onCancelled }: { order: Order; onCancelled: () => void }) {
  const { t } = useI18n();
  const draft = useDraft(`cancel:${order.id}`, { reason: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function cancel(event: Event): Promise<void> {
    event.preventDefault();
    setErrors({});
    setMessage(undefined);
    const reason = draft.value.reason.trim();
    if (!reason) return setErrors({ reason: t('error.required') });
    setBusy(true);
    try {
      const { data, error, response } = await api.POST('/api/v1/admin/orders/{id}/refund', {
        params: { path: { id: order.id } },
        body: { reason, restock: true },
      });
      if (!data) {
        const read = readProblem(asProblem(error, response.status), t);
        setErrors(read.fields);
        return setMessage(read.message);
      }
      draft.reset({ reason: '' });
      onCancelled();
    } catch {
      setMessage(t('app.offline'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="card">
      <summary>{t('order.cancelTitle')}</summary>
      <p class="hint">{t('order.cancelHint')}</p>
      {message && (
        <p class="alert" role="alert">
          {message}
        </p>
      )}
      <form onSubmit={(event) => void cancel(event)} noValidate>
        <Field id="cancel-reason" label={t('order.cancelReason')} error={errors.reason} value={draft.value.reason} onInput={(reason) => draft.set({ reason })} required />
        <button type="submit" disabled={busy}>
          {t('order.cancel')}
        </button>
      </form>
    </details>
  );
}

/** `Pesanan ETL-2026-000042`, the number never split across lines. */
export function OrderHeading({ text: [before, after], number }: { text: [string, string]; number: string }) {
  return (
    <h1>
      {before}
      <span class="code">{number}</span>
      {after}
    </h1>
  );
}
