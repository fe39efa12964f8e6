import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The shopper's one-time secret for an order: 32 random bytes, base64url. */
export function newOrderToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashOrderToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented token with the stored hash. */
export function orderTokenMatches(token: string | undefined, storedHash: string): boolean {
  if (!token) return false;
  const presented = Buffer.from(hashOrderToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** ETL-2026-000123: the year of the order and the sequence, at least six digits. */
export function formatOrderNumber(year: number, sequence: number | string): string {
  return `ETL-${year}-${String(sequence).padStart(6, '0')}`;
}

/** Whose Idempotency-Key it is, and the key: what a replayed checkout is recognised by. */
export interface IdempotencyRef {
  scope: string;
  key: string;
}

/**
 * The access token of an order placed with an Idempotency-Key, derived from an app key, the
 * requester's scope, the key and the order number: the same requester replaying the same key gets
 * the same working token back without it being stored anywhere (only its hash is, on the order),
 * and no other requester can come by it. The app key is derived from the app secret with a
 * purpose label, like the client-identity key.
 */
export class OrderTokenDeriver {
  private readonly key: Buffer;

  constructor(appSecret: string) {
    this.key = createHmac('sha256', appSecret).update('etalase/order-access-token/v1').digest();
  }

  derive(idempotency: IdempotencyRef, orderNumber: string): string {
    return createHmac('sha256', this.key).update(`${idempotency.scope}\n${idempotency.key}\n${orderNumber}`).digest('base64url');
  }
}
