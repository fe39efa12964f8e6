import type { EntityManager } from 'typeorm';
import type { PaymentProviderName } from '../payments/payment.types.js';
import type { ActorType, FulfilmentStatus } from './order.types.js';

/**
 * Set-based cancellation of many unpaid orders at once (expiry, abandoned checkouts): a handful
 * of statements per batch instead of a handful per order. The caller has locked the orders.
 */

export interface CancelledOrder {
  id: string;
  number: string;
}

export interface CancelledPayment {
  orderId: string;
  provider: PaymentProviderName;
  providerReference: string | null;
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

/** Cancels the orders' fulfilments that may still be cancelled, with one history row each. */
export async function cancelFulfilmentsOf(
  em: EntityManager,
  orderIds: readonly string[],
  cancellable: readonly FulfilmentStatus[],
  actorType: ActorType,
  reason: string,
): Promise<void> {
  await em.query(
    `WITH before AS (
       SELECT id, order_id, status FROM fulfilment WHERE order_id = ANY($1::uuid[]) AND status = ANY($2::fulfilment_status[]) FOR UPDATE
     ), cancelled AS (
       UPDATE fulfilment f SET status = 'CANCELLED', updated_at = now() FROM before WHERE f.id = before.id RETURNING f.id
     )
     INSERT INTO order_event (order_id, fulfilment_id, from_status, to_status, actor_type, actor_id, reason)
     SELECT before.order_id, before.id, before.status::text, 'CANCELLED', $3::actor_type, NULL, $4 FROM before JOIN cancelled ON cancelled.id = before.id`,
    [orderIds, cancellable, actorType, reason],
  );
}

/** PENDING_PAYMENT -> CANCELLED with one history row per order; returns the orders it changed. */
export async function cancelOrders(em: EntityManager, orderIds: readonly string[], actorType: ActorType, reason: string): Promise<CancelledOrder[]> {
  return em.query<CancelledOrder[]>(
    `WITH cancelled AS (
       UPDATE shop_order SET status = 'CANCELLED', cancelled_at = now(), cancel_reason = $3, updated_at = now(), version = version + 1
        WHERE id = ANY($1::uuid[]) AND status = 'PENDING_PAYMENT'
       RETURNING id, number
     ), history AS (
       INSERT INTO order_event (order_id, fulfilment_id, from_status, to_status, actor_type, actor_id, reason)
       SELECT id, NULL, 'PENDING_PAYMENT', 'CANCELLED', $2::actor_type, NULL, $3 FROM cancelled
     )
     SELECT id, number FROM cancelled`,
    [orderIds, actorType, reason],
  );
}

/** Pending payments of the orders become CANCELED; returns them for cancelling at the provider. */
export async function cancelPendingPayments(em: EntityManager, orderIds: readonly string[]): Promise<CancelledPayment[]> {
  const [rows] = await em.query<[{ order_id: string; provider: PaymentProviderName; provider_reference: string | null }[], number]>(
    `UPDATE payment SET status = 'CANCELED', updated_at = now()
      WHERE order_id = ANY($1::uuid[]) AND status = 'PENDING'
      RETURNING order_id, provider, provider_reference`,
    [orderIds],
  );
  return rows.map((row) => ({ orderId: row.order_id, provider: row.provider, providerReference: row.provider_reference }));
}
