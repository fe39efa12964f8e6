import { Injectable, Logger } from '@nestjs/common';
import { CheckoutService } from './checkout.service.js';
import { IdempotencyService, type IdempotentRequest } from './idempotency.service.js';
import { answerToKeep } from './idempotent-answer.js';
import type { CreatedOrderView } from './order.views.js';

/** The order a keyed checkout answers with; `replayed` when the key had already made it. */
export interface KeyedCheckoutAnswer {
  answer: CreatedOrderView;
  replayed: boolean;
}

/**
 * The keyed-checkout sequence, written once for POST /orders (IdempotencyInterceptor, key in a
 * header) and the showcase's form (WebCheckoutService, key in a hidden field): claim the key; a
 * key already bound answers with its kept answer, or resumes the order it made; a fresh claim runs
 * `place`, which binds the key in the order's own transaction. A failure before an order was
 * committed releases the key so the client may retry with it; the first successful answer is kept
 * before it is given, so a replay right after finds it.
 */
@Injectable()
export class KeyedCheckoutService {
  private readonly logger = new Logger('KeyedCheckout');

  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly checkout: CheckoutService,
  ) {}

  async run(request: IdempotentRequest, place: () => Promise<CreatedOrderView>): Promise<KeyedCheckoutAnswer> {
    const ref = { scope: request.scope, key: request.key };
    const claim = await this.idempotency.claim(request);
    if (claim.kind === 'bound') {
      if (claim.firstAnswer !== undefined) return { answer: this.checkout.replay(claim.firstAnswer, ref), replayed: true };
      return { answer: await this.keep(request, await this.checkout.resume(claim.orderId, ref)), replayed: true };
    }
    let answer: CreatedOrderView;
    try {
      answer = await place();
    } catch (error) {
      // Nothing was committed for this key (a bound order is resumed above): the client may retry with it.
      await this.idempotency.release(ref).catch((releaseError: unknown) => this.logger.error({ err: releaseError, key: ref.key }, 'Could not release an idempotency key'));
      throw error;
    }
    return { answer: await this.keep(request, answer), replayed: false };
  }

  /** The order is committed either way: if keeping fails the client still gets its answer, and a replay rebuilds it. */
  private async keep(request: IdempotentRequest, answer: CreatedOrderView): Promise<CreatedOrderView> {
    await this.idempotency
      .keepAnswer({ scope: request.scope, key: request.key }, answerToKeep(answer))
      .catch((error: unknown) => this.logger.error({ err: error, key: request.key }, 'Could not keep the answer of an idempotent checkout'));
    return answer;
  }
}
