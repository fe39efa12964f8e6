/** One request counted against a fixed window. */
export interface WindowCount {
  /** Requests in this window so far, this one included. */
  count: number;
  /** Seconds until the window ends and the count starts again. */
  resetSeconds: number;
}

/** Requests counted in memory for one key, sent together. */
export interface KeyHits {
  key: string;
  count: number;
}

/** A key an attempt is counted under, and how many failures (plus attempts in flight) it allows. */
export interface AttemptLimit {
  key: string;
  limit: number;
}

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * How a reserved attempt ended, per key: `failed` turns the reservation into a counted failure,
 * `released` gives it back, `cleared` gives it back and forgets the key's failures (attempts still
 * in flight stay counted, so a success cannot hand parallel guesses a fresh budget).
 */
export type AttemptOutcome = 'failed' | 'released' | 'cleared';

export interface AttemptSettlement {
  key: string;
  outcome: AttemptOutcome;
}

/**
 * Where request counts live, shared by every API process: Postgres by default, Redis when
 * REDIS_URL is set.
 *
 * `hit`: fixed windows, one counter per key and window, expiring with it. `hitMany`: the same for
 * requests counted in memory first (hit-tally.ts), many keys in one round trip.
 *
 * `reserveAttempt` / `settleAttempt`: failure budgets for guessable secrets (passwords, API keys).
 * Counting and deciding are one atomic step: a reservation is taken only if every key has fewer
 * than its limit of failures plus attempts in flight, and then on all keys at once, so parallel
 * requests cannot all see "under the limit". A key's window starts with the first attempt of a
 * run and ends `windowSeconds` later, taking its counts with it (also reservations a crashed
 * process never settled).
 */
export interface RateLimitStore {
  hit(key: string, windowSeconds: number): Promise<WindowCount>;
  /** Adds `count` requests to each key's current window at once (keys distinct); the counts after. */
  hitMany(hits: readonly KeyHits[], windowSeconds: number): Promise<Map<string, WindowCount>>;
  reserveAttempt(limits: readonly AttemptLimit[], windowSeconds: number): Promise<AttemptVerdict>;
  settleAttempt(settlements: readonly AttemptSettlement[]): Promise<void>;
  close(): Promise<void>;
}

export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');

/** The window a moment falls in: its start (epoch seconds) and the seconds left in it. */
export function windowOf(nowMs: number, windowSeconds: number): { start: number; resetSeconds: number } {
  const nowSeconds = Math.floor(nowMs / 1000);
  const start = nowSeconds - (nowSeconds % windowSeconds);
  return { start, resetSeconds: start + windowSeconds - nowSeconds };
}
