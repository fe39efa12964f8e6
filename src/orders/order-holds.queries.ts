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

/** One identity a holder is counted by: a fixed column (never text from a request) and its value. */
export interface HolderIdentity {
  column: HolderColumn;
  value: string;
}

/**
 * Serialises checkouts of the same holders until the caller's transaction ends, so two parallel
 * checkouts cannot both count the same open orders and both slip under the limit. One statement
 * takes the locks in id order: two checkouts sharing two identities never wait on each other in
 * a circle. The count must be a statement of its own, after this one: a statement sees what was
 * committed when it started, not what a lock it waited for let through.
 */
export async function lockHolders(em: EntityManager, identities: readonly HolderIdentity[]): Promise<void> {
  const ids = [...new Set(identities.map(({ column, value }) => advisoryLockId(`${column}:${value}`)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  await em.query('SELECT pg_advisory_xact_lock(id) FROM (SELECT unnest($1::bigint[]) AS id ORDER BY 1) AS ids', [ids.map(String)]);
}

/**
 * The open holds of each identity, in one statement (the partial indexes on these columns serve
 * it). Orders past `expiresAt` that the sweep has not reached yet still hold their stock, so they
 * still count; so do orders whose payment was never set up (a 502), which end sooner:
 * `abandonedAfterSeconds` after they were made.
 */
export async function openHolds(em: EntityManager, identities: readonly HolderIdentity[], abandonedAfterSeconds: number): Promise<OpenHolds[]> {
  if (identities.length === 0) return [];
  const ends = `CASE WHEN p.status = 'PENDING' AND p.provider_reference IS NULL
                     THEN least(o.expires_at, o.created_at + make_interval(secs => $1::int)) ELSE o.expires_at END`;
  const matches = identities.map(({ column }, i) => `o.${column} = $${i + 2}`);
  const columns = matches.map(
    (match, i) => `count(*) FILTER (WHERE ${match})::int AS count_${i}, ceil(extract(epoch FROM min(${ends}) FILTER (WHERE ${match}) - now()))::int AS end_${i}`,
  );
  const [row] = await em.query<Record<string, number | null>[]>(
    `SELECT ${columns.join(', ')}
       FROM shop_order o LEFT JOIN payment p ON p.order_id = o.id
      WHERE (${matches.join(' OR ')}) AND o.status = 'PENDING_PAYMENT'`,
    [abandonedAfterSeconds, ...identities.map(({ value }) => value)],
  );
  return identities.map((_, i) => ({ count: row?.[`count_${i}`] ?? 0, firstEndSeconds: row?.[`end_${i}`] ?? null }));
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
