import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

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
