import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CatalogService } from '../../catalog/catalog.service.js';
import { DomainError, NotFoundError } from '../../common/errors/domain-error.js';
import { type Language, webPath } from '../../common/web/web-paths.js';
import { AppConfig } from '../../config/app-config.js';
import { FacilitiesService } from '../../facilities/facilities.service.js';
import { WebCheckoutService } from '../../orders/web-checkout.service.js';
import { sharedTimeZone, timeZoneOfProvince } from '../i18n/format.js';
import { cartPage, type CartPageLine, type CheckoutForm } from '../pages/cart.page.js';
import { orderPage } from '../pages/order.page.js';
import { PageContext } from '../pages/page-context.js';
import { addLine, type Cart, CartCookies } from './cart-cookie.js';
import { type FieldErrors, messageForRefusal, orderBody, readCheckoutForm, validateOrderBody } from './checkout-form.js';

/** What a cart or checkout handler answers: a page (with its status) or a redirect; maybe a cookie. */
export type CartAnswer = { kind: 'page'; status: number; html: string; cookie?: string } | { kind: 'redirect'; location: string; cookie?: string };

class CartProductNotFound extends NotFoundError {
  constructor() {
    super('Product');
  }
}

const MAX_ADD = 99;

/**
 * The showcase's cart and checkout: the cart is a signed cookie, the checkout goes through the
 * orders feature's WebCheckoutService (CheckoutService: stock, limits, zones, idempotency), and the
 * order page reads the order with its token, as GET /orders/{number} does.
 */
@Injectable()
export class ShowcaseCartService {
  private readonly cookies: CartCookies;

  constructor(
    private readonly catalog: CatalogService,
    private readonly checkout: WebCheckoutService,
    private readonly facilities: FacilitiesService,
    private readonly config: AppConfig,
  ) {
    this.cookies = new CartCookies(config.jwtSecret, config.webBaseUrl.startsWith('https://'));
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

  async show(language: Language, nonce: string, cart: Cart | undefined, form: CheckoutForm = { method: 'PICKUP' }, errors: FieldErrors = {}, status = 200): Promise<CartAnswer> {
    const lines = await this.linesOf(cart);
    const html = cartPage(new PageContext(language, nonce, this.config.webBaseUrl), {
      lines,
      form,
      errors,
      // Without a cart there is no form to protect; the token is bound to the cart's id.
      csrfToken: cart ? this.cookies.csrfToken(cart) : '',
      idempotencyKey: randomUUID(),
      provider: this.config.stripe ? 'stripe' : 'manual',
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
    try {
      const order = await this.checkout.place(dto, ip, key, webPath(language, 'checkout'));
      const location = `${webPath(language, 'order', order.number)}?token=${encodeURIComponent(order.accessToken)}`;
      return { kind: 'redirect', location, cookie: this.cookies.clearHeader() };
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'PAYMENT_PROVIDER_ERROR') throw error;
      return this.show(language, nonce, cart, form, { form: messageForRefusal(error.code) }, error.code === 'RATE_LIMITED' ? 429 : 409);
    }
  }

  async order(language: Language, nonce: string, number: string, token: string | undefined): Promise<string> {
    const status = await this.checkout.status(number, token);
    // Deadlines read in the selling facility's own time (WITA in Banjarmasin): showcase/i18n/format.ts.
    const provinces = await this.facilities.provinceCodesBySlug(status.order.fulfilments.map((fulfilment) => fulfilment.facility.slug));
    const zone = sharedTimeZone([...provinces.values()].map(timeZoneOfProvince));
    return orderPage(new PageContext(language, nonce, this.config.webBaseUrl), status, token ?? '', zone);
  }

  private async linesOf(cart: Cart | undefined): Promise<CartPageLine[]> {
    return Promise.all(
      (cart?.lines ?? []).map(async (line) => {
        const page = await this.catalog.getProductPage(line.slug).catch(() => undefined);
        const onSale = page !== undefined && page.product.id === line.productId && page.availability !== 'WITHDRAWN';
        return { slug: line.slug, quantity: line.quantity, name: page?.product.name ?? line.slug, price: onSale ? page.product.price : null };
      }),
    );
  }

  /** Withdrawn or deleted products are left out; sold-out ones stay, so the checkout says so clearly. */
  private async buyableLines(cart: Cart): Promise<Cart['lines']> {
    const shown = await this.linesOf(cart);
    return cart.lines.filter((_line, index) => shown[index]?.price !== null);
  }
}
