import type { PaymentProviderName } from './payment.types.js';

export interface PaymentRequest {
  orderId: string;
  orderNumber: string;
  /** Integer rupiah; providers convert to their own units at their boundary. */
  amount: number;
  customerEmail: string;
}

/** What the shopper needs to pay a manual (bank transfer) order. */
export interface PaymentInstructions {
  method: 'BANK_TRANSFER';
  bankName: string;
  accountNumber: string;
  accountName: string;
  /** The exact amount and the order number as the transfer reference. */
  amount: number;
  reference: string;
  note: string;
}

export interface CreatedPayment {
  provider: PaymentProviderName;
  /**
   * The provider's id (a Stripe PaymentIntent id; the order number for manual transfers). Always
   * set: a payment row without one marks a checkout whose provider call never finished.
   */
  reference: string;
  /** Handed to the shopper's client to confirm a card/e-wallet payment (Stripe). */
  clientSecret?: string;
  instructions?: PaymentInstructions;
}

export interface RefundRequest {
  reference: string;
  /** Integer rupiah. */
  amount: number;
  /** Makes a retried refund a no-op at the provider. */
  idempotencyKey: string;
}

/** A payment page the provider hosts (Stripe Checkout): the shopper is sent there, and back to our URLs. */
export interface HostedCheckoutRequest extends PaymentRequest {
  /** What the shopper sees as the one line to pay (the order's total, shipping included). */
  description: string;
  successUrl: string;
  cancelUrl: string;
  /** When the page stops taking payment: the order's hold, within what the provider allows. */
  expiresAt: Date;
  /** The same key answers with the same page however often the shopper clicks. */
  idempotencyKey: string;
}

export interface HostedCheckout {
  id: string;
  url: string;
}

/** `complete`: the shopper paid on that page (the provider's event will say so); `expired`: it can no longer take money. */
export type HostedCheckoutEnd = 'expired' | 'complete';

/**
 * The port every payment provider implements (Stripe now; manual bank transfer for the
 * keyless demo; Midtrans/Xendit later). It knows nothing of orders.
 */
export interface PaymentProvider {
  readonly name: PaymentProviderName;
  createPayment(request: PaymentRequest): Promise<CreatedPayment>;
  /** What the shopper must do to pay, again (the order status page), for providers paid by hand. */
  instructions?(request: PaymentRequest): PaymentInstructions;
  /** Cancels a payment that has not succeeded (order expired or cancelled). */
  cancelPayment(reference: string | null): Promise<void>;
  refund(request: RefundRequest): Promise<{ refundId: string | null }>;
  /** Providers with a payment page of their own (Stripe Checkout), for the website's card payment. */
  startHostedCheckout?(request: HostedCheckoutRequest): Promise<HostedCheckout>;
  /** Closes a hosted page so it takes no money, or says it already did. */
  endHostedCheckout?(id: string): Promise<HostedCheckoutEnd>;
}

export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');
