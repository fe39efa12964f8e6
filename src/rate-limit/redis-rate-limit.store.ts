import { Redis } from 'ioredis';
import { windowOf, type RateLimitStore, type WindowCount } from './rate-limit-store.js';

/** Counters in Redis (REDIS_URL): INCR and an expiry in one round trip. */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: true });
  }

  async hit(key: string, windowSeconds: number): Promise<WindowCount> {
    const { start, resetSeconds } = windowOf(Date.now(), windowSeconds);
    const redisKey = `etalase:rl:${key}:${start}`;
    const results = await this.redis.multi().incr(redisKey).expire(redisKey, windowSeconds * 2).exec();
    const [incr] = results ?? [];
    if (!incr || incr[0]) throw incr?.[0] ?? new Error('Redis answered nothing');
    return { count: Number(incr[1]), resetSeconds };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
