import type { EntityManager } from 'typeorm';
import type { PaymentProviderName, PaymentStatus } from '../payments/payment.types.js';
import type { FulfilmentStatus } from './order.types.js';

/**
 * What cancelling many unpaid orders at once (expiry, abandoned checkouts) reads and locks: a
 * handful of statements per batch instead of a handful per order. The writes are the transition
 * modules'.
 */

export interface CancelledPayment {
  orderId: string;
  provider: PaymentProviderName;
  providerReference: string | null;
  /** The website's latest hosted payment page (Stripe Checkout), closed with the order. */
  checkoutSessionId: string | null;
}

/** Unpaid orders past their deadline, locked; rows another transaction holds are left for later. */
export async function lockDueOrders(em: EntityManager, limit: number, among?: readonly string[]): Promise<string[]> {
  const rows = await em.query<{ id: string }[]>(
    `SELECT id FROM shop_order
      WHERE status = 'PENDING_PAYMENT' AND expires_at <= now() ${among ? 'AND id = ANY($2::uuid[])' : ''}
      ORDER BY expires_at
      LIMIT $1
      FOR UPDATE SKIP LOCKED`,
    among ? [limit, among] : [limit],
  );
  return rows.map((row) => row.id);
}

/**
 * Unpaid orders older than `graceSeconds` whose payment never got a provider reference (or, from
 * before payments were written with the order, that have no payment at all): the process placing
 * them died, or the provider failed, before the shopper got anything to pay with. Locked.
 */
export async function lockAbandonedCheckouts(em: EntityManager, graceSeconds: number, limit: number): Promise<string[]> {
  const rows = await em.query<{ id: string }[]>(
    `SELECT o.id FROM shop_order o
       LEFT JOIN payment p ON p.order_id = o.id
      WHERE o.status = 'PENDING_PAYMENT' AND o.created_at <= now() - make_interval(secs => $1)
        AND (p.id IS NULL OR (p.status = 'PENDING' AND p.provider_reference IS NULL))
      ORDER BY o.created_at
      LIMIT $2
      FOR UPDATE OF o SKIP LOCKED`,
    [graceSeconds, limit],
  );
  return rows.map((row) => row.id);
}

/** The orders' fulfilments in the given statuses, locked (in id order, as every writer takes them). */
export async function lockFulfilmentsOf(em: EntityManager, orderIds: readonly string[], statuses: readonly FulfilmentStatus[]): Promise<{ id: string; orderId: string; status: FulfilmentStatus }[]> {
  const rows = await em.query<{ id: string; order_id: string; status: FulfilmentStatus }[]>(
    `SELECT id, order_id, status FROM fulfilment WHERE order_id = ANY($1::uuid[]) AND status = ANY($2::fulfilment_status[]) ORDER BY id FOR UPDATE`,
    [orderIds, statuses],
  );
  return rows.map((row) => ({ id: row.id, orderId: row.order_id, status: row.status }));
}

export interface LockedPayment extends CancelledPayment {
  id: string;
  status: PaymentStatus;
}

/** The orders' payments in the given statuses, locked; with what cancelling them at the provider needs. */
export async function lockPaymentsOf(em: EntityManager, orderIds: readonly string[], statuses: readonly PaymentStatus[]): Promise<LockedPayment[]> {
  const rows = await em.query<{ id: string; order_id: string; status: PaymentStatus; provider: PaymentProviderName; provider_reference: string | null; checkout_session_id: string | null }[]>(
    `SELECT id, order_id, status, provider, provider_reference, checkout_session_id FROM payment WHERE order_id = ANY($1::uuid[]) AND status = ANY($2::payment_status[]) ORDER BY id FOR UPDATE`,
    [orderIds, statuses],
  );
  return rows.map((row) => ({ id: row.id, orderId: row.order_id, status: row.status, provider: row.provider, providerReference: row.provider_reference, checkoutSessionId: row.checkout_session_id }));
}
