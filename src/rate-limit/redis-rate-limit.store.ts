import { Redis } from 'ioredis';
import { windowOf, type AttemptLimit, type AttemptSettlement, type AttemptVerdict, type KeyHits, type RateLimitStore, type WindowCount } from './rate-limit-store.js';

/**
 * KEYS: the attempt counters (hashes: f = failures, p = in flight); ARGV[1]: window in ms,
 * ARGV[1 + i]: KEYS[i]'s limit. Runs atomically in Redis, so deciding and counting are one step.
 * Returns 0 when reserved, else the milliseconds until the last full key's window ends.
 */
const RESERVE_ATTEMPT = `
local window = tonumber(ARGV[1])
local wait = 0
for i, key in ipairs(KEYS) do
  local f = tonumber(redis.call('HGET', key, 'f') or '0')
  local p = tonumber(redis.call('HGET', key, 'p') or '0')
  if f + p >= tonumber(ARGV[i + 1]) then
    local left = redis.call('PTTL', key)
    if left < 0 then
      redis.call('PEXPIRE', key, window)
      left = window
    end
    if left > wait then wait = left end
  end
end
if wait > 0 then return wait end
for _, key in ipairs(KEYS) do
  local p = redis.call('HINCRBY', key, 'p', 1)
  if p == 1 and tonumber(redis.call('HGET', key, 'f') or '0') == 0 then
    redis.call('PEXPIRE', key, window)
  end
end
return 0`;

/** KEYS: counters; ARGV[i]: KEYS[i]'s outcome. A key whose window ended has nothing to settle. */
const SETTLE_ATTEMPT = `
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then
    if redis.call('HINCRBY', key, 'p', -1) < 0 then redis.call('HSET', key, 'p', 0) end
    if ARGV[i] == 'failed' then
      redis.call('HINCRBY', key, 'f', 1)
    elseif ARGV[i] == 'cleared' then
      redis.call('HSET', key, 'f', 0)
    end
  end
end
return 0`;

/** Counters in Redis (REDIS_URL): INCR and an expiry in one round trip; attempt budgets as Lua scripts. */
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

  /** INCRBY and an expiry per key, in one round trip. */
  async hitMany(hits: readonly KeyHits[], windowSeconds: number): Promise<Map<string, WindowCount>> {
    if (hits.length === 0) return new Map();
    const { start, resetSeconds } = windowOf(Date.now(), windowSeconds);
    const multi = this.redis.multi();
    for (const { key, count } of hits) multi.incrby(`etalase:rl:${key}:${start}`, count).expire(`etalase:rl:${key}:${start}`, windowSeconds * 2);
    const results = (await multi.exec()) ?? [];
    return new Map(
      hits.map(({ key }, i) => {
        const incr = results[i * 2];
        if (!incr || incr[0]) throw incr?.[0] ?? new Error('Redis answered nothing');
        return [key, { count: Number(incr[1]), resetSeconds }];
      }),
    );
  }

  async reserveAttempt(limits: readonly AttemptLimit[], windowSeconds: number): Promise<AttemptVerdict> {
    const keys = limits.map((limit) => attemptKey(limit.key));
    const waitMs = Number(await this.redis.eval(RESERVE_ATTEMPT, keys.length, ...keys, windowSeconds * 1000, ...limits.map((limit) => limit.limit)));
    return waitMs === 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  async settleAttempt(settlements: readonly AttemptSettlement[]): Promise<void> {
    if (settlements.length === 0) return;
    await this.redis.eval(SETTLE_ATTEMPT, settlements.length, ...settlements.map((s) => attemptKey(s.key)), ...settlements.map((s) => s.outcome));
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

const attemptKey = (key: string): string => `etalase:attempts:${key}`;
