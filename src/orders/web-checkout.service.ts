import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PAYMENT_PROVIDER, type PaymentInstructions, type PaymentProvider } from '../payments/payment-provider.js';
import { CheckoutService } from './checkout.service.js';
import type { CreateOrderDto } from './dto/create-order.dto.js';
import { IdempotencyService } from './idempotency.service.js';
import { KeyedCheckoutService } from './keyed-checkout.service.js';
import type { CreatedOrderView, OrderView } from './order.views.js';
import { CardPaymentUnavailable } from './orders.errors.js';
import { ShopperOrdersService } from './shopper-orders.service.js';
import type { OrderAttribution } from './order-attribution.types.js';

/** The order a shopper opens by its token link, with what they need to pay it while unpaid. */
export interface OrderStatus {
  order: OrderView;
  /** Manual bank transfer only, while the order awaits payment. */
  instructions?: PaymentInstructions;
  /** The order awaits a card payment the website can take (Stripe's hosted page): the page offers it. */
  cardPayable?: boolean;
}

/** Where the provider's hosted page sends the shopper back, and what it calls the payment. */
export interface CardPaymentPages {
  successUrl: string;
  cancelUrl: string;
  description: string;
}

/**
 * `redirect`: to the provider's page. `processing`: the shopper already paid on a page of this
 * order and the provider's event has not arrived. `back`: nothing to open (the order no longer
 * awaits payment, or another click opened its page), so back to the order page.
 */
export type CardPaymentStart = { kind: 'redirect'; url: string } | { kind: 'processing' } | { kind: 'back' };

/**
 * Checkout for the showcase's HTML forms: the same CheckoutService and the same keyed sequence as
 * POST /orders (KeyedCheckoutService), with the key a hidden field of the form instead of a
 * header, so a double submit makes one order. Card orders are then paid on Stripe's hosted page.
 */
@Injectable()
export class WebCheckoutService {
  private readonly logger = new Logger('WebCheckout');

  constructor(
    private readonly dataSource: DataSource,
    private readonly checkout: CheckoutService,
    private readonly idempotency: IdempotencyService,
    private readonly keyed: KeyedCheckoutService,
    private readonly orders: ShopperOrdersService,
    @Inject(PAYMENT_PROVIDER) private readonly payments: PaymentProvider,
  ) {}

  /** The website can take card payments (Stripe is configured, through its hosted page). */
  get cardPayments(): boolean {
    return this.payments.startHostedCheckout !== undefined;
  }

  /** Places the order once per key; a repeat with the key answers with the order the first one made. `attribution`: the cart's campaign touches. */
  async place(dto: CreateOrderDto, ip: string | undefined, key: string, path: string, attribution?: OrderAttribution): Promise<CreatedOrderView> {
    const ref = { scope: this.idempotency.scopeOf({ ip }), key };
    const { answer } = await this.keyed.run({ ...ref, method: 'POST', path, body: dto }, () => this.checkout.checkout(dto, { ip, attribution }, ref));
    return answer;
  }

  /** 404 (OrderNotFound) unless the token is the order's. */
  async status(number: string, token: string | undefined): Promise<OrderStatus> {
    const order = await this.orders.get(number, { token });
    if (order.status !== 'PENDING_PAYMENT') return { order };
    if (order.payment?.provider === 'stripe' && this.cardPayments) return { order, cardPayable: true };
    if (order.payment?.provider !== 'manual' || !this.payments.instructions) return { order };
    return { order, instructions: this.payments.instructions({ orderId: order.id, orderNumber: order.number, amount: order.total, customerEmail: order.customer.email }) };
  }

  /**
   * Opens a new hosted payment page for an unpaid card order (after checkout, and for "Bayar
   * lagi"). The order's previous page is closed first, so at most one page of an order can take
   * money; if it was already paid, the shopper is told the payment is being processed instead.
   * The idempotency key follows the page it replaces, so a double click opens one page.
   */
  async payByCard(number: string, token: string | undefined, pages: CardPaymentPages): Promise<CardPaymentStart> {
    const order = await this.orders.get(number, { token });
    if (order.status !== 'PENDING_PAYMENT') return { kind: 'back' };
    const provider = this.payments;
    if (order.payment?.provider !== 'stripe' || !provider.startHostedCheckout || !provider.endHostedCheckout) throw new CardPaymentUnavailable(order.number);
    const [row] = await this.dataSource.query<{ checkout_session_id: string | null }[]>('SELECT checkout_session_id FROM payment WHERE order_id = $1', [order.id]);
    const previous = row?.checkout_session_id ?? null;
    if (previous !== null && (await provider.endHostedCheckout(previous)) === 'complete') return { kind: 'processing' };
    const page = await provider.startHostedCheckout({
      orderId: order.id,
      orderNumber: order.number,
      amount: order.total,
      customerEmail: order.customer.email,
      description: pages.description,
      successUrl: pages.successUrl,
      cancelUrl: pages.cancelUrl,
      expiresAt: new Date(order.expiresAt),
      idempotencyKey: previous === null ? `cs-${order.id}` : `cs-${order.id}-after-${previous}`,
    });
    const stored = await this.dataSource.query<{ id: string }[]>(
      'UPDATE payment SET checkout_session_id = $2, updated_at = now() WHERE order_id = $1 AND checkout_session_id IS NOT DISTINCT FROM $3 RETURNING id',
      [order.id, page.id, previous],
    );
    if (stored.length === 0) {
      // Another click replaced the same page meanwhile and stored its own (the same one, unless the pages differ).
      const [now] = await this.dataSource.query<{ checkout_session_id: string | null }[]>('SELECT checkout_session_id FROM payment WHERE order_id = $1', [order.id]);
      if (now?.checkout_session_id !== page.id) {
        await provider.endHostedCheckout(page.id).catch((error: unknown) => this.logger.error({ err: error, orderId: order.id }, 'Could not close a payment page nobody keeps'));
        return { kind: 'back' };
      }
    }
    return { kind: 'redirect', url: page.url };
  }
}
