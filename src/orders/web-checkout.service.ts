import { Inject, Injectable, Logger } from '@nestjs/common';
import { PAYMENT_PROVIDER, type PaymentInstructions, type PaymentProvider } from '../payments/payment-provider.js';
import { CheckoutService } from './checkout.service.js';
import type { CreateOrderDto } from './dto/create-order.dto.js';
import { IdempotencyService } from './idempotency.service.js';
import { answerToKeep } from './idempotent-answer.js';
import type { CreatedOrderView, OrderView } from './order.views.js';
import { ShopperOrdersService } from './shopper-orders.service.js';

/** The order a shopper opens by its token link, with what they need to pay it while unpaid. */
export interface OrderStatus {
  order: OrderView;
  /** Manual bank transfer only, while the order awaits payment. */
  instructions?: PaymentInstructions;
}

/**
 * Checkout for the showcase's HTML forms: the same CheckoutService and the same Idempotency-Key
 * rules as POST /orders (IdempotencyInterceptor), with the key a hidden field of the form instead
 * of a header, so a double submit makes one order. Kept apart from the interceptor because a form
 * post has no HTTP answer to replay byte for byte: it needs the order (and its token) only.
 */
@Injectable()
export class WebCheckoutService {
  private readonly logger = new Logger('WebCheckout');

  constructor(
    private readonly checkout: CheckoutService,
    private readonly idempotency: IdempotencyService,
    private readonly orders: ShopperOrdersService,
    @Inject(PAYMENT_PROVIDER) private readonly payments: PaymentProvider,
  ) {}

  /** Places the order once per key; a repeat with the key answers with the order the first one made. */
  async place(dto: CreateOrderDto, ip: string | undefined, key: string, path: string): Promise<CreatedOrderView> {
    const ref = { scope: this.idempotency.scopeOf({ ip }), key };
    const claim = await this.idempotency.claim({ ...ref, method: 'POST', path, body: dto });
    if (claim.kind === 'bound') {
      if (claim.firstAnswer !== undefined) return this.checkout.replay(claim.firstAnswer, ref);
      return this.checkout.resume(claim.orderId, ref);
    }
    let answer: CreatedOrderView;
    try {
      answer = await this.checkout.checkout(dto, { ip }, ref);
    } catch (error) {
      // Nothing was committed for this key (a bound order is resumed above): the shopper may retry with it.
      await this.idempotency.release(ref).catch((releaseError: unknown) => this.logger.error({ err: releaseError, key }, 'Could not release an idempotency key'));
      throw error;
    }
    await this.idempotency.keepAnswer(ref, answerToKeep(answer)).catch((error: unknown) => this.logger.error({ err: error, key }, 'Could not keep the answer of a web checkout'));
    return answer;
  }

  /** 404 (OrderNotFound) unless the token is the order's. */
  async status(number: string, token: string | undefined): Promise<OrderStatus> {
    const order = await this.orders.get(number, { token });
    if (order.status !== 'PENDING_PAYMENT' || order.payment?.provider !== 'manual' || !this.payments.instructions) return { order };
    return { order, instructions: this.payments.instructions({ orderId: order.id, orderNumber: order.number, amount: order.total, customerEmail: order.customer.email }) };
  }
}
