import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isPersonRequest, type ViewRequest } from '../visits/countable-view.js';
import { jakartaDay, VisitClock } from '../visits/visit-day.js';
import { FLUSH_CLICKS_SQL } from './link.queries.js';

const FLUSH_INTERVAL_MS = 2_000;
/** Distinct link-days in memory that trigger a flush before the interval is up. */
const FLUSH_AT_ROWS = 2_000;
/** What a failing database may leave in memory; past it, a failed batch's rows are dropped with a warning. */
const MAX_BUFFERED_ROWS = 100_000;

/**
 * Share-link clicks per link and day (WIB), tallied in memory and written in one set-based upsert
 * every few seconds, at a burst and at shutdown: a click never waits for the database and no row
 * is written per request, so a link shared to a big WhatsApp group has no hot row. Processes add
 * up exactly (`clicks = clicks + EXCLUDED.clicks`). Bots, HEAD and prefetches are not clicks.
 */
@Injectable()
export class LinkClickCounter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LinkClickCounter');
  private tallies = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private queued = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: VisitClock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.flushInBackground(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.flush();
  }

  /** Counts a click on `linkId` if a person made it; memory only. */
  record(linkId: string, request: Omit<ViewRequest, 'status'>): void {
    if (this.stopped || !isPersonRequest(request)) return;
    const key = `${linkId}|${jakartaDay(this.clock.now())}`;
    this.tallies.set(key, (this.tallies.get(key) ?? 0) + 1);
    if (this.tallies.size >= FLUSH_AT_ROWS) this.flushInBackground();
  }

  /** Writes everything tallied so far (after any flush under way); for shutdown and tests. */
  flush(): Promise<void> {
    const next = this.flushing.then(() => this.write());
    this.flushing = next.catch(() => undefined);
    return next;
  }

  private flushInBackground(): void {
    if (this.queued) return;
    this.queued = true;
    this.flush().catch((error: unknown) => this.logger.warn({ err: error }, 'Link clicks not written yet; kept for the next flush'));
  }

  private async write(): Promise<void> {
    this.queued = false;
    if (this.tallies.size === 0) return;
    const batch = this.tallies;
    this.tallies = new Map();
    // Sorted, so two processes lock the same rows in the same order.
    const rows = [...batch.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, clicks]) => ({ key: key.split('|'), clicks }));
    try {
      await this.dataSource.query(FLUSH_CLICKS_SQL, [rows.map((row) => row.key[0]), rows.map((row) => row.key[1]), rows.map((row) => row.clicks)]);
    } catch (error) {
      let dropped = 0;
      for (const [key, clicks] of batch) {
        if (this.tallies.has(key) || this.tallies.size < MAX_BUFFERED_ROWS) this.tallies.set(key, (this.tallies.get(key) ?? 0) + clicks);
        else dropped += clicks;
      }
      if (dropped > 0) this.logger.warn({ dropped }, 'Link clicks dropped: the database has been unreachable too long');
      throw error;
    }
  }
}
