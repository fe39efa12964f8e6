import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { TooManyLoginAttempts } from './auth.errors.js';

/**
 * Counts failed sign-ins per account and per IP in fixed windows. Once a limit is reached every
 * attempt gets 429, right password or not, so the answer never tells an attacker anything.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const { windowSeconds } = this.config.loginThrottle;
    const rows = await this.dataSource.query<{ key: string; failures: number; retry_after: number }[]>(
      `SELECT key, failures,
              CEIL(EXTRACT(EPOCH FROM window_started_at + make_interval(secs => $2) - now()))::int AS retry_after
         FROM login_throttle
        WHERE key = ANY($1::text[]) AND window_started_at > now() - make_interval(secs => $2)`,
      [[accountKey(email), ipKey(ip)], windowSeconds],
    );
    for (const row of rows) {
      if (row.failures >= this.limitFor(row.key)) throw new TooManyLoginAttempts(Math.max(1, row.retry_after));
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const { windowSeconds } = this.config.loginThrottle;
    await this.dataSource.query(
      `INSERT INTO login_throttle (key, failures, window_started_at)
       SELECT unnest($1::text[]), 1, now()
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_throttle.window_started_at > now() - make_interval(secs => $2)
                         THEN login_throttle.failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN login_throttle.window_started_at > now() - make_interval(secs => $2)
                         THEN login_throttle.window_started_at ELSE now() END`,
      [[accountKey(email), ipKey(ip)], windowSeconds],
    );
    await this.sweepExpired(windowSeconds);
  }

  /**
   * Counters of finished windows are dead weight (and failures for made-up emails would pile up):
   * every failure sweeps them with a small probability, which keeps the table at about the size
   * of one window's traffic without a scheduled job.
   */
  private async sweepExpired(windowSeconds: number): Promise<void> {
    if (Math.random() > 0.02) return;
    await this.dataSource.query('DELETE FROM login_throttle WHERE window_started_at < now() - make_interval(secs => $1)', [windowSeconds]);
  }

  /** A successful sign-in clears the account's count (not the IP's: one good account must not unlock guessing). */
  async recordSuccess(email: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_throttle WHERE key = $1', [accountKey(email)]);
  }

  private limitFor(key: string): number {
    const { maxFailuresPerAccount, maxFailuresPerIp } = this.config.loginThrottle;
    return key.startsWith('account:') ? maxFailuresPerAccount : maxFailuresPerIp;
  }
}

const accountKey = (email: string): string => `account:${email}`;
const ipKey = (ip: string): string => `ip:${ip}`;
