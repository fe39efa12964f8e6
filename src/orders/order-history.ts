import type { EntityManager } from 'typeorm';
import type { ActorType } from './order.types.js';

/** Who made a change, for the order history. */
export interface TransitionActor {
  type: ActorType;
  /** The admin's user id, the partner's id; null for the shopper, the system and the provider. */
  id: string | null;
}

/** One row of the order history: a change of the order, of one of its fulfilments, or of its payment. */
export interface HistoryEntry {
  orderId: string;
  fulfilmentId?: string;
  paymentId?: string;
  from: string | null;
  to: string;
}

/**
 * Writes history rows in one statement, whatever their number (expiry cancels hundreds at once).
 * Only the transition modules and checkout (an order's first row) call this.
 */
export async function writeHistory(em: EntityManager, entries: readonly HistoryEntry[], actor: TransitionActor, reason: string | null): Promise<void> {
  if (entries.length === 0) return;
  await em.query(
    `INSERT INTO order_event (order_id, fulfilment_id, payment_id, from_status, to_status, actor_type, actor_id, reason)
     SELECT e.order_id, e.fulfilment_id, e.payment_id, e.from_status, e.to_status, $6::actor_type, $7::uuid, $8
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS e(order_id, fulfilment_id, payment_id, from_status, to_status)`,
    [
      entries.map((e) => e.orderId),
      entries.map((e) => e.fulfilmentId ?? null),
      entries.map((e) => e.paymentId ?? null),
      entries.map((e) => e.from),
      entries.map((e) => e.to),
      actor.type,
      actor.id,
      reason,
    ],
  );
}

/** Groups items by a key, keeping their order: set-based writes run once per group. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
