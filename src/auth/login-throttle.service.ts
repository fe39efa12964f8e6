import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { RATE_LIMIT_STORE, type AttemptSettlement, type RateLimitStore } from '../rate-limit/rate-limit-store.js';
import { SignInUnavailable, TooManyLoginAttempts } from './auth.errors.js';

/**
 * Failed sign-ins per account and per IP, in the rate-limit store every process shares (Postgres,
 * or Redis with REDIS_URL). An attempt reserves its place under both limits *before* its password
 * is checked, in one atomic step, so parallel requests cannot all slip under a limit: at most
 * `limit` passwords per account (and per IP) are ever checked in a window. Once a limit is full
 * every attempt gets 429, right password or not, so the answer never tells an attacker anything.
 */
@Injectable()
export class LoginThrottleService {
  private readonly logger = new Logger('LoginThrottle');

  constructor(
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    private readonly config: AppConfig,
  ) {}

  /**
   * Takes a place for this attempt or throws 429. If the store cannot answer, sign-in is refused
   * (503) rather than left unthrottled: a limiter outage must not open the door to guessing.
   */
  async reserve(email: string, ip: string): Promise<void> {
    const { maxFailuresPerAccount, maxFailuresPerIp, windowSeconds } = this.config.loginThrottle;
    let verdict;
    try {
      verdict = await this.store.reserveAttempt(
        [
          { key: accountKey(email), limit: maxFailuresPerAccount },
          { key: ipKey(ip), limit: maxFailuresPerIp },
        ],
        windowSeconds,
      );
    } catch (error) {
      this.logger.error({ err: error }, 'Login throttle store failed; refusing sign-in');
      throw new SignInUnavailable();
    }
    if (!verdict.allowed) throw new TooManyLoginAttempts(verdict.retryAfterSeconds);
  }

  /** Wrong email, password or inactive account: the reservation counts as a failure on both keys. */
  recordFailure(email: string, ip: string): Promise<void> {
    return this.settle([
      { key: accountKey(email), outcome: 'failed' },
      { key: ipKey(ip), outcome: 'failed' },
    ]);
  }

  /**
   * Clears the account's failures (not the IP's: one good account must not unlock guessing others);
   * other attempts on the account still in flight stay counted.
   */
  recordSuccess(email: string, ip: string): Promise<void> {
    return this.settle([
      { key: accountKey(email), outcome: 'cleared' },
      { key: ipKey(ip), outcome: 'released' },
    ]);
  }

  /** The attempt ended without a verdict on the credentials (our error): it counts for nothing. */
  release(email: string, ip: string): Promise<void> {
    return this.settle([
      { key: accountKey(email), outcome: 'released' },
      { key: ipKey(ip), outcome: 'released' },
    ]);
  }

  /** A settlement that fails leaves the reservation counted until the window ends: safe, so only logged. */
  private async settle(settlements: AttemptSettlement[]): Promise<void> {
    try {
      await this.store.settleAttempt(settlements);
    } catch (error) {
      this.logger.error({ err: error }, 'Login throttle store failed to settle an attempt');
    }
  }
}

const accountKey = (email: string): string => `login:account:${email}`;
const ipKey = (ip: string): string => `login:ip:${ip}`;
