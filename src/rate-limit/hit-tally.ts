import type { RateLimitStore, WindowCount } from './rate-limit-store.js';

/** Quotas below this are counted in the store on every request: a share of them would be no request at all. */
export const EXACT_BELOW = 20;
/** The share of a quota one process may let through before the store has heard of it. */
export const UNSENT_SHARE = 0.05;
/** How often the counts gathered in memory go to the store, in one statement. */
export const FLUSH_EVERY_MS = 200;

/** How many requests a process may let through unsent for a quota (at least one). */
export function unsentAllowance(limit: number, share = UNSENT_SHARE): number {
  return Math.max(1, Math.floor(limit * share));
}

export type TallyStore = Pick<RateLimitStore, 'hit' | 'hitMany'>;

export interface HitTallyOptions {
  windowSeconds: number;
  exactBelow?: number;
  unsentShare?: number;
  now?: () => number;
}

/** One key in the current window, as this process knows it. */
interface KeyTally {
  /** When the window ends, by this process's clock (from the seconds the store said were left). */
  endsAt: number;
  /** The store's count at its last answer: every process's requests. */
  stored: number;
  /** Let through here since, not yet sent. */
  unsent: number;
  /** Being sent now. */
  sending: number;
}

/**
 * Request counts kept in memory per process and sent to the shared store in batches (issue 18:
 * one counter row written per request made the limiter cost as much as the catalog read).
 *
 * - The first request of a key in a window is counted in the store, which answers with every
 *   process's count so far; later ones are added here and go to the store with the next flush.
 * - A process lets through at most `unsentAllowance(limit)` requests the store has not heard of;
 *   the next one waits for a flush, and is decided on the store's fresh count.
 * - Quotas below `exactBelow` are counted in the store on every request, as before.
 * - Refused requests are not sent: once a key is at its limit, it stays there for the window,
 *   in every process that reads the store.
 * - If the store fails, the waiting request fails with it (the caller decides); its count is
 *   kept for the next flush.
 */
export class HitTally {
  private readonly keys = new Map<string, KeyTally>();
  private readonly dirty = new Set<string>();
  private readonly windowSeconds: number;
  private readonly exactBelow: number;
  private readonly unsentShare: number;
  private readonly now: () => number;
  private flushing: Promise<void> | undefined;
  private lastSweep = 0;

  constructor(
    private readonly store: TallyStore,
    options: HitTallyOptions,
  ) {
    this.windowSeconds = options.windowSeconds;
    this.exactBelow = options.exactBelow ?? EXACT_BELOW;
    this.unsentShare = options.unsentShare ?? UNSENT_SHARE;
    this.now = options.now ?? Date.now;
  }

  /** Counts one request against `key`'s quota; the count includes it (past `limit`: refuse it). */
  async hit(key: string, limit: number): Promise<WindowCount> {
    if (limit < this.exactBelow) return this.store.hit(key, this.windowSeconds);
    const allowance = unsentAllowance(limit, this.unsentShare);
    for (;;) {
      const tally = this.current(key);
      if (!tally) return this.firstHit(key);
      const counted = tally.stored + tally.sending + tally.unsent;
      const resetSeconds = Math.max(1, Math.ceil((tally.endsAt - this.now()) / 1000));
      if (counted >= limit) return { count: counted + 1, resetSeconds };
      if (tally.unsent + tally.sending < allowance) {
        tally.unsent += 1;
        this.dirty.add(key);
        return { count: counted + 1, resetSeconds };
      }
      await this.flush();
    }
  }

  /** Sends what was counted here (one batch; a flush already under way is joined, not doubled). */
  flush(): Promise<void> {
    this.flushing ??= this.send().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /** Keys held in memory (for tests and leaks). */
  get size(): number {
    return this.keys.size;
  }

  private current(key: string): KeyTally | undefined {
    const tally = this.keys.get(key);
    if (tally && tally.endsAt > this.now()) return tally;
    return undefined;
  }

  private async firstHit(key: string): Promise<WindowCount> {
    const counted = await this.store.hit(key, this.windowSeconds);
    const endsAt = this.now() + counted.resetSeconds * 1000;
    const tally = this.current(key);
    // Another first request of the key may have been answered meanwhile: keep the higher count.
    if (tally) tally.stored = Math.max(tally.stored, counted.count);
    else this.keys.set(key, { endsAt, stored: counted.count, unsent: 0, sending: 0 });
    return counted;
  }

  private async send(): Promise<void> {
    this.sweep();
    const batch: { key: string; count: number; tally: KeyTally }[] = [];
    for (const key of this.dirty) {
      const tally = this.current(key);
      // Requests of a window that has ended count nowhere any more.
      if (tally && tally.unsent > 0) {
        batch.push({ key, count: tally.unsent, tally });
        tally.sending += tally.unsent;
        tally.unsent = 0;
      }
    }
    this.dirty.clear();
    if (batch.length === 0) return;
    try {
      const counts = await this.store.hitMany(
        batch.map(({ key, count }) => ({ key, count })),
        this.windowSeconds,
      );
      const now = this.now();
      for (const { key, count, tally } of batch) {
        tally.sending -= count;
        const counted = counts.get(key);
        if (!counted) continue;
        tally.stored = counted.count;
        tally.endsAt = now + counted.resetSeconds * 1000;
      }
    } catch (error) {
      for (const { key, count, tally } of batch) {
        tally.sending -= count;
        tally.unsent += count;
        this.dirty.add(key);
      }
      throw error;
    }
  }

  /** Forgets keys whose window has ended, about once a second. */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 1000) return;
    this.lastSweep = now;
    for (const [key, tally] of this.keys) if (tally.endsAt <= now && tally.sending === 0) this.keys.delete(key);
  }
}
