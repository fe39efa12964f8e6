import type { TransitionActor } from './order-history.js';

/** Who reports a payment outcome: the provider (webhook) or an admin (a bank transfer arrived). */
export interface PaymentSource {
  actorType: 'PAYMENT_PROVIDER' | 'ADMIN';
  actorId?: string;
  /** The provider's payment id, for the order history. */
  reference?: string;
  /** What the provider says it collected, in rupiah (may carry a fraction); checked against the order. */
  amountReceived?: number;
}

/**
 * What markPaid did: PAID; ALREADY_PAID (a replay, nothing changed); PAID_LATE (the order had
 * been cancelled, its stock was taken again); REFUNDED_LATE (cancelled and the stock was gone:
 * the money went back automatically); REFUNDED_MISMATCH (another amount than the total was
 * collected and given back); ALREADY_SETTLED (that money was already revived or given back: a
 * repeated report, nothing changed).
 */
export type MarkPaidOutcome = 'PAID' | 'ALREADY_PAID' | 'PAID_LATE' | 'REFUNDED_LATE' | 'REFUNDED_MISMATCH' | 'ALREADY_SETTLED';

export function actorOf(source: PaymentSource): TransitionActor {
  return { type: source.actorType, id: source.actorId ?? null };
}
