import type { AttemptVerdict } from './rate-limit-store.js';

/** What a store read for one key of a reservation, its window already restarted if it had ended. */
export interface AttemptCount {
  failures: number;
  inFlight: number;
  limit: number;
  /** Seconds until the key's window ends. */
  windowLeftSeconds: number;
}

/**
 * An attempt may go ahead only if every key has room for it: failures plus attempts still in
 * flight below the limit. Refused, the client waits for the last of the full keys' windows.
 */
export function attemptVerdict(counts: readonly AttemptCount[]): AttemptVerdict {
  const full = counts.filter((count) => count.failures + count.inFlight >= count.limit);
  if (full.length === 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, ...full.map((count) => Math.ceil(count.windowLeftSeconds))) };
}
