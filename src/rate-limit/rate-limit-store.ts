/** One request counted against a fixed window. */
export interface WindowCount {
  /** Requests in this window so far, this one included. */
  count: number;
  /** Seconds until the window ends and the count starts again. */
  resetSeconds: number;
}

/**
 * Where request counts live, shared by every API process: Postgres by default, Redis when
 * REDIS_URL is set. Fixed windows: one counter per key and window, expiring with it.
 */
export interface RateLimitStore {
  hit(key: string, windowSeconds: number): Promise<WindowCount>;
  close(): Promise<void>;
}

export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');

/** The window a moment falls in: its start (epoch seconds) and the seconds left in it. */
export function windowOf(nowMs: number, windowSeconds: number): { start: number; resetSeconds: number } {
  const nowSeconds = Math.floor(nowMs / 1000);
  const start = nowSeconds - (nowSeconds % windowSeconds);
  return { start, resetSeconds: start + windowSeconds - nowSeconds };
}
