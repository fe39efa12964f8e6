import { QueryFailedError } from 'typeorm';

/** PostgreSQL refused a write because a row elsewhere still references it (23503, foreign_key_violation). */
export function isForeignKeyViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError: unknown = error.driverError;
  return typeof driverError === 'object' && driverError !== null && 'code' in driverError && driverError.code === '23503';
}
