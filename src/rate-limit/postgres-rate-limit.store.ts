import type { DataSource } from 'typeorm';
import { runSql } from '../database/sql-query.js';
import { attemptVerdict } from './attempt-verdict.js';
import type { AttemptLimit, AttemptSettlement, AttemptVerdict, KeyHits, RateLimitStore, WindowCount } from './rate-limit-store.js';

/**
 * Locks the reservation's rows (created if missing), in key order so that two reservations sharing
 * keys never deadlock, and starts a new window where the old one ended or held nothing.
 */
const LOCK_ATTEMPT_COUNTERS = `
  INSERT INTO attempt_counter AS c (key, window_ends_at, failures, in_flight)
  SELECT key, now() + make_interval(secs => $2), 0, 0 FROM unnest($1::text[]) AS key ORDER BY key
  ON CONFLICT (key) DO UPDATE SET
    window_ends_at = CASE WHEN c.window_ends_at <= now() OR (c.failures = 0 AND c.in_flight = 0)
                          THEN excluded.window_ends_at ELSE c.window_ends_at END,
    failures = CASE WHEN c.window_ends_at <= now() THEN 0 ELSE c.failures END,
    in_flight = CASE WHEN c.window_ends_at <= now() THEN 0 ELSE c.in_flight END
  RETURNING c.key, c.failures, c.in_flight, extract(epoch FROM c.window_ends_at - now())::float8 AS window_left`;

/** One key's settlement; a window that has ended meanwhile has nothing left to settle. */
const SETTLE_ATTEMPT = `
  UPDATE attempt_counter SET
    in_flight = greatest(in_flight - 1, 0),
    failures = CASE $2::text WHEN 'failed' THEN failures + 1 WHEN 'cleared' THEN 0 ELSE failures END
  WHERE key = $1 AND window_ends_at > now()`;

/**
 * Counters in UNLOGGED tables (no WAL: a crash forgets at most a window of counts, which is the
 * right trade for something rewritten on every request). Windows are taken from the database
 * clock so that processes with skewed clocks still share one window.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  constructor(private readonly dataSource: DataSource) {}

  async hit(key: string, windowSeconds: number): Promise<WindowCount> {
    const [row] = await runSql<{ count: number; reset_seconds: number }>(
      this.dataSource,
      {
        text: `WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM now()) / $2) * $2) AS start)
       INSERT INTO rate_limit_counter AS c (key, window_start, window_ends_at, count)
       SELECT $1, w.start, w.start + make_interval(secs => $2), 1 FROM w
       ON CONFLICT (key, window_start) DO UPDATE SET count = c.count + 1
       RETURNING c.count, ceil(extract(epoch FROM c.window_start + make_interval(secs => $2) - now()))::int AS reset_seconds`,
        values: [key, windowSeconds],
      },
      // On every request: planned once per connection. Never on a replica (it writes).
      { prepare: true, primary: true },
    );
    if (!row) throw new Error('The rate limit counter returned no row');
    return { count: row.count, resetSeconds: Math.max(1, row.reset_seconds) };
  }

  /**
   * One statement for every key, in key order (two processes flushing the same keys lock their
   * rows in the same order, so they cannot deadlock).
   */
  async hitMany(hits: readonly KeyHits[], windowSeconds: number): Promise<Map<string, WindowCount>> {
    if (hits.length === 0) return new Map();
    const rows = await runSql<{ key: string; count: number; reset_seconds: number }>(
      this.dataSource,
      {
        text: `WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM now()) / $3) * $3) AS start)
       INSERT INTO rate_limit_counter AS c (key, window_start, window_ends_at, count)
       SELECT h.key, w.start, w.start + make_interval(secs => $3), h.n FROM w, unnest($1::text[], $2::int[]) AS h (key, n) ORDER BY h.key
       ON CONFLICT (key, window_start) DO UPDATE SET count = c.count + excluded.count
       RETURNING c.key, c.count, ceil(extract(epoch FROM c.window_start + make_interval(secs => $3) - now()))::int AS reset_seconds`,
        values: [hits.map((hit) => hit.key), hits.map((hit) => hit.count), windowSeconds],
      },
      { prepare: true, primary: true },
    );
    return new Map(rows.map((row) => [row.key, { count: row.count, resetSeconds: Math.max(1, row.reset_seconds) }]));
  }

  /**
   * One transaction: lock (and create) every key's row, decide from what they hold, and count the
   * attempt in flight on all of them or on none. A parallel reservation of the same key waits for
   * the lock and then sees this one.
   */
  async reserveAttempt(limits: readonly AttemptLimit[], windowSeconds: number): Promise<AttemptVerdict> {
    const keys = limits.map((limit) => limit.key);
    if (new Set(keys).size !== keys.length) throw new Error(`reserveAttempt got a key twice: ${keys.join(', ')}`);
    return this.dataSource.transaction(async (em) => {
      const rows = await em.query<{ key: string; failures: number; in_flight: number; window_left: number }[]>(LOCK_ATTEMPT_COUNTERS, [keys, windowSeconds]);
      const verdict = attemptVerdict(
        limits.map(({ key, limit }) => {
          const row = rows.find((candidate) => candidate.key === key);
          if (!row) throw new Error(`The attempt counter returned no row for ${key}`);
          return { failures: row.failures, inFlight: row.in_flight, limit, windowLeftSeconds: row.window_left };
        }),
      );
      if (verdict.allowed) await em.query('UPDATE attempt_counter SET in_flight = in_flight + 1 WHERE key = ANY($1::text[])', [keys]);
      return verdict;
    });
  }

  /** A statement per key, each holding one row lock at a time: it cannot deadlock with a reservation. */
  async settleAttempt(settlements: readonly AttemptSettlement[]): Promise<void> {
    for (const { key, outcome } of [...settlements].sort((a, b) => a.key.localeCompare(b.key))) {
      await runSql(this.dataSource, { text: SETTLE_ATTEMPT, values: [key, outcome] }, { prepare: true, primary: true });
    }
  }

  /**
   * Forgets windows that ended a while ago (the job that calls this runs every few minutes); by their
   * end, not their start, so a long window (checkout attempts) is never forgotten while it counts.
   */
  async forgetOld(): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      `WITH gone AS (DELETE FROM rate_limit_counter WHERE window_ends_at < now() - interval '1 minute' RETURNING 1),
            ended AS (DELETE FROM attempt_counter WHERE window_ends_at < now() - interval '1 minute' RETURNING 1)
       SELECT (SELECT count(*) FROM gone)::int + (SELECT count(*) FROM ended)::int AS count`,
    );
    return row?.count ?? 0;
  }

  async close(): Promise<void> {}
}
