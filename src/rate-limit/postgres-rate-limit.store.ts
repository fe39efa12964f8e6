import type { DataSource } from 'typeorm';
import { runSql } from '../database/sql-query.js';
import type { RateLimitStore, WindowCount } from './rate-limit-store.js';

/**
 * Counters in an UNLOGGED table (no WAL: a crash forgets at most a minute of counts, which is
 * the right trade for something rewritten on every request). The window is taken from the
 * database clock so that processes with skewed clocks still share one window.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  constructor(private readonly dataSource: DataSource) {}

  async hit(key: string, windowSeconds: number): Promise<WindowCount> {
    const [row] = await runSql<{ count: number; reset_seconds: number }>(
      this.dataSource,
      {
        text: `WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM now()) / $2) * $2) AS start)
       INSERT INTO rate_limit_counter AS c (key, window_start, count)
       SELECT $1, w.start, 1 FROM w
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

  /** Forgets windows that ended a while ago (the job that calls this runs every few minutes). */
  async forgetOld(): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      `WITH gone AS (DELETE FROM rate_limit_counter WHERE window_start < now() - interval '10 minutes' RETURNING 1) SELECT count(*)::int AS count FROM gone`,
    );
    return row?.count ?? 0;
  }

  async close(): Promise<void> {}
}
