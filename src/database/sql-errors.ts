import { QueryFailedError } from 'typeorm';

/**
 * SQLSTATEs of a write refused because a row elsewhere still references it: 23503
 * (foreign_key_violation), and 23001 (restrict_violation), which PostgreSQL 18 reports for a delete
 * blocked by an ON DELETE RESTRICT key where 15-17 report 23503. We support both ends.
 */
export const FOREIGN_KEY_REFUSALS: readonly string[] = ['23503', '23001'];

/** PostgreSQL refused a write because a row elsewhere still references it (or it references nothing). */
export function isForeignKeyViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError: unknown = error.driverError;
  return typeof driverError === 'object' && driverError !== null && 'code' in driverError && typeof driverError.code === 'string' && FOREIGN_KEY_REFUSALS.includes(driverError.code);
}
