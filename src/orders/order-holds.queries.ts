import type { EntityManager } from 'typeorm';
import { advisoryLockId } from './client-identity.js';

/** Open (unpaid) orders of one holder, and when the first of them runs out. */
export interface OpenHolds {
  count: number;
  /** Seconds until the holder's first unpaid order is cancelled (expiry, or the abandoned-checkout sweep); null when it has none. */
  firstEndSeconds: number | null;
}

/** The columns a holder is counted by; a fixed set, never text from a request. */
export type HolderColumn = 'client_ip_hash' | 'customer_email_key' | 'partner_id';

/**
 * Serialises checkouts of the same holders until the caller's transaction ends, so two parallel
 * checkouts cannot both count the same open orders and both slip under the limit. Locks are
 * taken in id order: two checkouts sharing two identities never wait on each other in a circle.
 */
export async function lockHolders(em: EntityManager, identities: readonly string[]): Promise<void> {
  const ids = [...new Set(identities.map(advisoryLockId))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const id of ids) await em.query('SELECT pg_advisory_xact_lock($1::bigint)', [id.toString()]);
}

/**
 * Counts by the partial indexes on these columns (client keys are cleared once an order stops
 * awaiting payment; the partner index only holds unpaid orders). Orders past `expiresAt` that the
 * sweep has not reached yet still hold their stock, so they still count; so do orders whose
 * payment was never set up (a 502), which end sooner: `abandonedAfterSeconds` after they were made.
 */
export async function openHolds(em: EntityManager, column: HolderColumn, value: string, abandonedAfterSeconds: number): Promise<OpenHolds> {
  const [row] = await em.query<{ count: number; first_end_seconds: number | null }[]>(
    `SELECT count(*)::int AS count,
            ceil(extract(epoch FROM min(CASE WHEN p.status = 'PENDING' AND p.provider_reference IS NULL
                                             THEN least(o.expires_at, o.created_at + make_interval(secs => $2))
                                             ELSE o.expires_at END) - now()))::int AS first_end_seconds
       FROM shop_order o LEFT JOIN payment p ON p.order_id = o.id
      WHERE o.${column} = $1 AND o.status = 'PENDING_PAYMENT'`,
    [value, abandonedAfterSeconds],
  );
  return { count: row?.count ?? 0, firstEndSeconds: row?.first_end_seconds ?? null };
}

/**
 * Data minimisation: an order's client keys only matter while it is unpaid. Clears them on the
 * orders that moved on (paid, cancelled, expired), skipping rows another transaction is working
 * on (the next sweep gets them); returns how many.
 */
export async function forgetSettledClientKeys(em: EntityManager): Promise<number> {
  const [row] = await em.query<{ count: number }[]>(
    `WITH gone AS (
       UPDATE shop_order SET client_ip_hash = NULL, customer_email_key = NULL
        WHERE id IN (SELECT id FROM shop_order WHERE client_ip_hash IS NOT NULL AND status <> 'PENDING_PAYMENT' FOR UPDATE SKIP LOCKED)
       RETURNING 1)
     SELECT count(*)::int AS count FROM gone`,
  );
  return row?.count ?? 0;
}
