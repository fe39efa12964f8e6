import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CatalogService } from '../../catalog/catalog.service.js';
import { DomainError, NotFoundError } from '../../common/errors/domain-error.js';
import { type Language, webPath } from '../../common/web/web-paths.js';
import { AppConfig } from '../../config/app-config.js';
import { FacilitiesService } from '../../facilities/facilities.service.js';
import { CampaignAttribution } from '../../humas/attribution/campaign-attribution.service.js';
import type { CreatedOrderView } from '../../orders/order.views.js';
import { type CardPaymentStart, WebCheckoutService } from '../../orders/web-checkout.service.js';
import { MESSAGES } from '../i18n/messages.js';
import { type CartLineProblem, type CartNotice, cartPage, type CartPageLine, type CheckoutForm } from '../pages/cart.page.js';
import { sharedTimeZone, timeZoneOfProvince } from '../i18n/format.js';
import { orderPage } from '../pages/order.page.js';
import { PageContext } from '../pages/page-context.js';
import { addLine, type Cart, CartCookies, setQuantity } from './cart-cookie.js';
import { type FieldErrors, messageForRefusal, orderBody, readCheckoutForm, validateOrderBody } from './checkout-form.js';

/** What a cart or checkout handler answers: a page (with its status) or a redirect; maybe a cookie. */
export type CartAnswer = { kind: 'page'; status: number; html: string; cookie?: string } | { kind: 'redirect'; location: string; cookie?: string };

class CartProductNotFound extends NotFoundError {
  constructor() {
    super('Product');
  }
}

const MAX_ADD = 99;
/** The order page's query after the card provider's page sent the shopper back: says "being processed", never "paid". */
export const CARD_RETURN = { name: 'return', value: 'card' } as const;

/** Extra things a cart page may say: a notice after a change, or why a line's change was refused. */
export interface CartPageExtras {
  notice?: CartNotice;
  lineProblems?: Record<string, CartLineProblem>;
}

/**
 * The showcase's cart and checkout: the cart is a signed cookie, the checkout goes through the
 * orders feature's WebCheckoutService (CheckoutService: stock, limits, zones, idempotency), and the
 * order page reads the order with its token, as GET /orders/{number} does.
 */
@Injectable()
export class ShowcaseCartService {
  private readonly cookies: CartCookies;
  private readonly logger = new Logger('ShowcaseCart');

  constructor(
    private readonly catalog: CatalogService,
    private readonly checkout: WebCheckoutService,
    private readonly facilities: FacilitiesService,
    private readonly config: AppConfig,
    private readonly attribution: CampaignAttribution,
  ) {
    this.cookies = new CartCookies(config.jwtSecret, config.webBaseUrl.startsWith('https://'), config.attributionWindowDays * 24 * 3600);
  }

  /**
   * A showcase page opened with `?k={code}` (a share link): the cart cookie to set with the touch
   * recorded (an empty cart is started if need be), or undefined when the code is no link's.
   */
  async touched(cookieHeader: string | undefined, value: unknown): Promise<string | undefined> {
    const cart = this.cookies.read(cookieHeader);
    const touches = await this.attribution.touched(cart?.touches, value);
    return touches ? this.cookies.header({ ...(cart ?? this.cookies.empty()), touches }) : undefined;
  }

  cartOf(cookieHeader: string | undefined): Cart | undefined {
    return this.cookies.read(cookieHeader);
  }

  /** Adds a product on sale (by slug, as the product page's form posts it) and shows the cart. */
  async add(language: Language, cart: Cart | undefined, body: Record<string, unknown>): Promise<CartAnswer> {
    const slug = typeof body.slug === 'string' ? body.slug : '';
    const quantity = Math.min(MAX_ADD, Math.max(1, Number.parseInt(typeof body.quantity === 'string' ? body.quantity : '1', 10) || 1));
    const page = slug ? await this.catalog.getProductPage(slug).catch(() => undefined) : undefined;
    if (!page) throw new CartProductNotFound();
    const next = addLine(cart ?? this.cookies.empty(), { productId: page.product.id, slug: page.product.slug, quantity });
    return { kind: 'redirect', location: webPath(language, 'cart'), cookie: this.cookies.header(next) };
  }

  async show(language: Language, nonce: string, cart: Cart | undefined, form: CheckoutForm = { method: 'PICKUP' }, errors: FieldErrors = {}, status = 200, extras: CartPageExtras = {}): Promise<CartAnswer> {
    const lines = await this.linesOf(cart);
    const html = cartPage(new PageContext(language, nonce, this.config.webBaseUrl), {
      lines,
      ...extras,
      form,
      errors,
      // Without a cart there is no form to protect; the token is bound to the cart's id.
      csrfToken: cart ? this.cookies.csrfToken(cart) : '',
      idempotencyKey: randomUUID(),
      provider: this.checkout.cardPayments ? 'stripe' : 'manual',
    });
    return { kind: 'page', status, html };
  }

  /**
   * Places the order and sends the shopper to its page; a refused form comes back with what was
   * typed and a message next to each field. The Idempotency-Key is the form's hidden field.
   */
  async place(language: Language, nonce: string, cart: Cart | undefined, body: Record<string, unknown>, ip: string | undefined): Promise<CartAnswer> {
    const form = readCheckoutForm(body);
    if (!cart || !this.cookies.csrfValid(cart, body.csrf)) return this.show(language, nonce, cart, form, { form: 'expired' }, 403);
    const key = typeof body.idempotencyKey === 'string' && /^[\x20-\x7e]{1,255}$/.test(body.idempotencyKey) ? body.idempotencyKey : undefined;
    if (!key) return this.show(language, nonce, cart, form, { form: 'expired' }, 403);
    const buyable = await this.buyableLines(cart);
    if (buyable.length === 0) return this.show(language, nonce, cart, form, { form: 'notSellable' }, 409);
    const { dto, errors } = await validateOrderBody(orderBody(buyable, form));
    if (Object.keys(errors).length > 0) return this.show(language, nonce, cart, form, errors, 422);
    let order: CreatedOrderView;
    try {
      order = await this.checkout.place(dto, ip, key, webPath(language, 'checkout'), this.attribution.forOrder(cart.touches));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'PAYMENT_PROVIDER_ERROR') throw error;
      return this.show(language, nonce, cart, form, { form: messageForRefusal(error.code) }, error.code === 'RATE_LIMITED' ? 429 : 409);
    }
    const orderPath = this.orderPath(language, order.number, order.accessToken);
    if (order.payment?.provider !== 'stripe' || !this.checkout.cardPayments) return { kind: 'redirect', location: orderPath, cookie: this.cookies.clearHeader() };
    // The order is placed either way: if the payment page cannot be opened now, its own page offers "Bayar lagi".
    const start = await this.startCard(language, order.number, order.accessToken).catch((error: unknown): CardPaymentStart => {
      this.logger.error({ err: error, order: order.number }, 'Could not open the card payment page after checkout');
      return { kind: 'back' };
    });
    return { kind: 'redirect', location: this.afterCard(language, order.number, order.accessToken, start), cookie: this.cookies.clearHeader() };
  }

  /**
   * Changes a line's quantity (0 or Remove takes it out), with the same CSRF token as the
   * checkout. A quantity over the stock or the product's limit per order is refused next to its
   * line; the checkout still checks both for real.
   */
  async update(language: Language, nonce: string, cart: Cart | undefined, body: Record<string, unknown>): Promise<CartAnswer> {
    if (!cart || !this.cookies.csrfValid(cart, body.csrf)) return this.show(language, nonce, cart, undefined, { form: 'expired' }, 403);
    const line = cart.lines.find((l) => l.productId === body.productId);
    if (!line) return { kind: 'redirect', location: webPath(language, 'cart') };
    const raw = typeof body.quantity === 'string' ? body.quantity.trim() : '';
    const quantity = body.action === 'remove' ? 0 : /^\d{1,4}$/.test(raw) ? Number(raw) : undefined;
    const problem = quantity === undefined ? { kind: 'quantityInvalid' as const } : await this.problemWith(line.slug, quantity);
    if (problem) return this.show(language, nonce, cart, undefined, {}, 422, { lineProblems: { [line.productId]: problem } });
    const next = setQuantity(cart, line.productId, quantity ?? 0);
    const notice: CartNotice = quantity === 0 ? 'removed' : 'updated';
    return { kind: 'redirect', location: `${webPath(language, 'cart')}?notice=${notice}`, cookie: this.cookies.header(next) };
  }

  /** "Bayar lagi" on an unpaid card order's page: a new payment page for the same order. */
  async payAgain(language: Language, body: Record<string, unknown>): Promise<CartAnswer> {
    const number = typeof body.number === 'string' ? body.number : '';
    const token = typeof body.token === 'string' ? body.token : undefined;
    const start = await this.startCard(language, number, token);
    return { kind: 'redirect', location: this.afterCard(language, number, token ?? '', start) };
  }

  async order(language: Language, nonce: string, number: string, token: string | undefined, returnedFromCard: boolean): Promise<string> {
    const status = await this.checkout.status(number, token);
    // Deadlines read in the selling facility's own time (WITA in Banjarmasin): showcase/i18n/format.ts.
    const provinces = await this.facilities.provinceCodesBySlug(status.order.fulfilments.map((fulfilment) => fulfilment.facility.slug));
    const zone = sharedTimeZone([...provinces.values()].map(timeZoneOfProvince));
    return orderPage(new PageContext(language, nonce, this.config.webBaseUrl), status, token ?? '', returnedFromCard, zone);
  }

  private startCard(language: Language, number: string, token: string | undefined): Promise<CardPaymentStart> {
    const back = this.config.webBaseUrl + this.orderPath(language, number, token ?? '');
    return this.checkout.payByCard(number, token, {
      // Never proof of payment: the page says "being processed" until the provider's signed event arrives.
      successUrl: `${back}&${CARD_RETURN.name}=${CARD_RETURN.value}`,
      cancelUrl: back,
      description: MESSAGES[language].order.title(number),
    });
  }

  private afterCard(language: Language, number: string, token: string, start: CardPaymentStart): string {
    if (start.kind === 'redirect') return start.url;
    const page = this.orderPath(language, number, token);
    return start.kind === 'processing' ? `${page}&${CARD_RETURN.name}=${CARD_RETURN.value}` : page;
  }

  private orderPath(language: Language, number: string, token: string): string {
    return `${webPath(language, 'order', number)}?token=${encodeURIComponent(token)}`;
  }

  /** What the catalog says against a new quantity: the product's stock and its limit per order. */
  private async problemWith(slug: string, quantity: number): Promise<CartLineProblem | undefined> {
    if (quantity === 0) return undefined;
    const page = await this.catalog.getProductPage(slug).catch(() => undefined);
    // A product gone from sale stays in the cart as unavailable; the checkout leaves it out.
    if (!page || page.availability === 'WITHDRAWN') return undefined;
    if (quantity > page.product.maxPerOrder) return { kind: 'overLimit', max: page.product.maxPerOrder };
    if (quantity > page.product.stock) return { kind: 'overStock', stock: page.product.stock };
    return undefined;
  }

  private async linesOf(cart: Cart | undefined): Promise<CartPageLine[]> {
    return Promise.all(
      (cart?.lines ?? []).map(async (line) => {
        const page = await this.catalog.getProductPage(line.slug).catch(() => undefined);
        const onSale = page !== undefined && page.product.id === line.productId && page.availability !== 'WITHDRAWN';
        return { productId: line.productId, slug: line.slug, quantity: line.quantity, name: page?.product.name ?? line.slug, price: onSale ? page.product.price : null };
      }),
    );
  }

  /** Withdrawn or deleted products are left out; sold-out ones stay, so the checkout says so clearly. */
  private async buyableLines(cart: Cart): Promise<Cart['lines']> {
    const shown = await this.linesOf(cart);
    return cart.lines.filter((_line, index) => shown[index]?.price !== null);
  }
}
