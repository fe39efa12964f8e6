import { QueryFailedError } from 'typeorm';

/**
 * How long a client should wait before retrying when the database is gone. Short: the pool
 * reconnects on the first request after PostgreSQL is back (a restart or fail-over takes seconds).
 */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATEs that say the server cannot serve us right now, whatever the query:
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, shutting
 * down, recovering) and 53300 too_many_connections. All of class 08 (connection_exception) too.
 */
const UNAVAILABLE_SQLSTATES: ReadonlySet<string> = new Set(['57P01', '57P02', '57P03', '53300']);

/** Socket and DNS errors on the way to the server. */
const UNAVAILABLE_SYSTEM_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/** node-postgres reports these without a code; the messages are its own, stable across 8.x. */
const UNAVAILABLE_MESSAGES: readonly RegExp[] = [
  /^timeout exceeded when trying to connect$/i, // pg.Pool: no connection within connectionTimeoutMillis
  /^Connection terminated unexpectedly$/i, // the socket closed under an open client
  /^Connection terminated due to connection timeout$/i,
  /^Connection terminated$/i,
  /^Client has encountered a connection error and is not queryable$/i,
  /^Cannot use a pool after calling end on the pool$/i, // a request still running while the app shuts down
];

/** Nesting we look through: QueryFailedError's driverError, AggregateError (dual-stack connect), `cause`. */
const MAX_DEPTH = 4;

/**
 * Whether `error` means "the database is not reachable or not accepting us right now" (answer 503
 * and let the client retry) rather than "this query failed" (a bug or bad input). Looks through
 * TypeORM's QueryFailedError, which wraps driver errors raised by a query but not those raised
 * while a pooled connection is obtained.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return unavailableCause(error) !== undefined;
}

/** What went wrong, short enough for one log line (no stack): `{ code, message }` of the root cause. */
export interface UnavailableCause {
  code: string | undefined;
  message: string;
}

export function unavailableCause(error: unknown, depth = 0): UnavailableCause | undefined {
  if (typeof error !== 'object' || error === null || depth > MAX_DEPTH) return undefined;
  const code = stringProperty(error, 'code');
  const message = stringProperty(error, 'message') ?? '';
  if (code !== undefined && (UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || UNAVAILABLE_SYSTEM_CODES.has(code))) {
    return { code, message };
  }
  if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return { code, message };
  const nested: unknown[] = [];
  if (error instanceof QueryFailedError) nested.push(error.driverError);
  if (error instanceof AggregateError) nested.push(...(error.errors as unknown[]));
  if ('cause' in error) nested.push(error.cause);
  for (const inner of nested) {
    const cause = unavailableCause(inner, depth + 1);
    if (cause) return cause;
  }
  return undefined;
}

function stringProperty(value: object, key: string): string | undefined {
  const property: unknown = (value as Record<string, unknown>)[key];
  return typeof property === 'string' ? property : undefined;
}
