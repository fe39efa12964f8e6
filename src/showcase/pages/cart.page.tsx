import { formatRupiah } from '../i18n/format.js';
import { Fragment, h, raw } from '../html/jsx.js';
import type { Messages } from '../i18n/messages.js';
import { formPath } from '../showcase.routes.js';
import { renderPage } from './layout.js';
import type { PageContext } from './page-context.js';

/** A cart line as the page shows it: the catalog's current name and price, or gone. */
export interface CartPageLine {
  productId: string;
  slug: string;
  quantity: number;
  name: string;
  /** null when the product can no longer be bought (deleted, withdrawn): it is left out of the order. */
  price: number | null;
}

export const CHECKOUT_FIELDS = ['name', 'email', 'phone', 'method', 'recipient', 'recipientPhone', 'line1', 'line2', 'city', 'province', 'postalCode', 'note'] as const;
export type CheckoutField = (typeof CHECKOUT_FIELDS)[number];
export type CheckoutForm = Partial<Record<CheckoutField, string>>;
export type CheckoutMessage = keyof Pick<
  Messages['checkout'],
  'fieldInvalid' | 'fieldRequired' | 'emailInvalid' | 'phoneInvalid' | 'postalCodeInvalid' | 'expired' | 'outOfStock' | 'tooMany' | 'outsideZone' | 'notSellable' | 'busy' | 'failed'
>;

/** Why a quantity change was refused, per line. */
export type CartLineProblem = { kind: 'quantityInvalid' } | { kind: 'overStock'; stock: number } | { kind: 'overLimit'; max: number };

/** Said after a change to the cart (Post/Redirect/Get: it comes back in the query). */
export type CartNotice = 'updated' | 'removed';

export interface CartPageData {
  lines: CartPageLine[];
  /** By product id: the line whose change was refused, and why. */
  lineProblems?: Record<string, CartLineProblem>;
  notice?: CartNotice;
  form: CheckoutForm;
  /** Per field, and `form` for what concerns the whole order. */
  errors: Partial<Record<CheckoutField | 'form', CheckoutMessage>>;
  csrfToken: string;
  /** A new one per rendering of the form: the same submit twice makes one order. */
  idempotencyKey: string;
  provider: 'manual' | 'stripe';
}

/** With script on, the address fields hide while pickup is chosen (they still post, empty, and are ignored then). */
const PICKUP_SCRIPT =
  "(function(){var f=document.getElementById('address');if(!f)return;var n=document.getElementById('address-note');" +
  "function s(){var p=document.getElementById('m-pickup').checked;f.hidden=p;if(n)n.hidden=p;}" +
  "document.querySelectorAll('input[name=method]').forEach(function(r){r.addEventListener('change',s);});s();})();";

function problemText(ctx: PageContext, problem: CartLineProblem): string {
  if (problem.kind === 'overStock') return ctx.t.cart.overStock(problem.stock);
  if (problem.kind === 'overLimit') return ctx.t.cart.overLimit(problem.max);
  return ctx.t.cart.quantityInvalid;
}

/** One small form per line (works without script): a quantity with Update, and Remove. */
function LineEdit(props: { ctx: PageContext; data: CartPageData; line: CartPageLine }): h.JSX.Element {
  const { ctx, data, line } = props;
  const problem = data.lineProblems?.[line.productId];
  const id = `q-${line.productId}`;
  return (
    <form method="post" action={formPath(ctx.language, 'cartUpdate')} class="line-edit">
      <input type="hidden" name="csrf" value={data.csrfToken} />
      <input type="hidden" name="productId" value={line.productId} />
      <label for={id} class="visually-hidden">
        {ctx.t.cart.quantityOf(line.name)}
      </label>
      <input
        id={id}
        name="quantity"
        type="number"
        inputmode="numeric"
        min="0"
        max="999"
        value={String(line.quantity)}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
      />
      <button type="submit" name="action" value="update">
        {ctx.t.cart.update}
      </button>
      <button type="submit" name="action" value="remove" class="secondary">
        {ctx.t.cart.remove}
      </button>
      {problem ? (
        <span class="error" id={`${id}-error`}>
          {problemText(ctx, problem)}
        </span>
      ) : null}
    </form>
  );
}

function Field(props: { ctx: PageContext; data: CartPageData; name: CheckoutField; label: string; type?: string; autocomplete?: string; required?: boolean }): h.JSX.Element {
  const { ctx, data, name } = props;
  const error = data.errors[name];
  const id = `f-${name}`;
  return (
    <p class={error ? 'field invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={name}
        type={props.type ?? 'text'}
        value={data.form[name] ?? ''}
        autocomplete={props.autocomplete}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <span class="error" id={`${id}-error`}>
          {ctx.t.checkout[error]}
        </span>
      ) : null}
    </p>
  );
}

/** The cart with the checkout form under it: one page, one post, works without JavaScript. */
export function cartPage(ctx: PageContext, data: CartPageData): string {
  const { t, language } = ctx;
  const buyable = data.lines.filter((line) => line.price !== null);
  const estimate = buyable.reduce((sum, line) => sum + (line.price ?? 0) * line.quantity, 0);
  const shipping = data.form.method === 'SHIPPING';
  const hasErrors = Object.keys(data.errors).length > 0;
  return renderPage(
    ctx,
    { title: `${t.cart.title} · ${t.siteName}`, description: t.cart.title, kind: 'cart', ogType: 'website', crumbs: [{ name: t.cart.title, url: ctx.absolute(ctx.path('cart')) }], private: true },
    <>
      <h1>{t.cart.title}</h1>
      {data.errors.form ? (
        <p class="alert" role="alert">
          {t.checkout[data.errors.form]}
        </p>
      ) : data.lineProblems && Object.keys(data.lineProblems).length > 0 ? (
        <p class="alert" role="alert">
          {t.cart.lineError}
        </p>
      ) : hasErrors ? (
        <p class="alert" role="alert">
          {t.checkout.errorSummary}
        </p>
      ) : data.notice ? (
        <p class="notice" role="status">
          {t.cart[data.notice]}
        </p>
      ) : null}
      {data.lines.length === 0 ? (
        <p>
          {t.cart.empty} <a href={ctx.path('search')}>{t.nav.search}</a>
        </p>
      ) : (
        <>
          <table class="cart">
            <thead>
              <tr>
                <th scope="col">{t.cart.product}</th>
                <th scope="col">{t.cart.quantity}</th>
                <th scope="col">{t.cart.lineTotal}</th>
              </tr>
            </thead>
            <tbody>
              {data.lines.map((line) => (
                <tr>
                  <td>
                    <a href={ctx.path('product', line.slug)}>{line.name}</a>
                    {line.price === null ? <span class="note"> {t.cart.unavailable}</span> : null}
                  </td>
                  <td>{data.csrfToken ? <LineEdit ctx={ctx} data={data} line={line} /> : line.quantity}</td>
                  <td>{line.price === null ? '-' : formatRupiah(language, line.price * line.quantity)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="price">
            {t.cart.estimatedTotal}: {formatRupiah(language, estimate)}
          </p>
          {buyable.length > 0 ? (
            <form method="post" action={ctx.path('checkout')} class="checkout" novalidate>
              <input type="hidden" name="csrf" value={data.csrfToken} />
              <input type="hidden" name="idempotencyKey" value={data.idempotencyKey} />
              <h2>{t.checkout.heading}</h2>
              <Field ctx={ctx} data={data} name="name" label={t.checkout.name} autocomplete="name" required />
              <Field ctx={ctx} data={data} name="email" label={t.checkout.email} type="email" autocomplete="email" required />
              <Field ctx={ctx} data={data} name="phone" label={t.checkout.phone} type="tel" autocomplete="tel" required />
              <fieldset>
                <legend>{t.checkout.delivery}</legend>
                <p>
                  <input type="radio" id="m-pickup" name="method" value="PICKUP" checked={!shipping} />
                  <label for="m-pickup">{t.checkout.pickup}</label>
                </p>
                <p>
                  <input type="radio" id="m-shipping" name="method" value="SHIPPING" checked={shipping} />
                  <label for="m-shipping">{t.checkout.shipping}</label>
                </p>
              </fieldset>
              <p class="note" id="address-note">
                {t.checkout.addressNote}
              </p>
              <fieldset id="address">
                <legend>{t.checkout.address}</legend>
                <Field ctx={ctx} data={data} name="recipient" label={t.checkout.recipient} autocomplete="shipping name" />
                <Field ctx={ctx} data={data} name="recipientPhone" label={t.checkout.recipientPhone} type="tel" autocomplete="shipping tel" />
                <Field ctx={ctx} data={data} name="line1" label={t.checkout.line1} autocomplete="shipping address-line1" />
                <Field ctx={ctx} data={data} name="line2" label={t.checkout.line2} autocomplete="shipping address-line2" />
                <Field ctx={ctx} data={data} name="city" label={t.checkout.city} autocomplete="shipping address-level2" />
                <Field ctx={ctx} data={data} name="province" label={t.checkout.province} autocomplete="shipping address-level1" />
                <Field ctx={ctx} data={data} name="postalCode" label={t.checkout.postalCode} autocomplete="shipping postal-code" />
              </fieldset>
              <Field ctx={ctx} data={data} name="note" label={t.checkout.note} />
              <h3>{t.checkout.payment}</h3>
              <p>{data.provider === 'stripe' ? t.checkout.paymentCard : t.checkout.paymentManual}</p>
              <button type="submit">{t.checkout.submit}</button>
            </form>
          ) : null}
          {buyable.length > 0 ? <script nonce={ctx.nonce}>{raw(PICKUP_SCRIPT)}</script> : null}
        </>
      )}
    </>,
  );
}
