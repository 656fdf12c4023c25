import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisLink } from '../cluster/redis.ts';

export interface LimitShape {
  keyPrefix: string;
  points: number;
  /** Window in seconds. */
  duration: number;
}

/**
 * A rate-limiter-flexible limiter: in memory for one node, or in Redis (keys
 * `<prefix><keyPrefix>:<key>`) so every node counts against the same budget. While Redis
 * cannot be reached a node falls back to its own memory counts (the insurance limiter) rather
 * than refusing everyone or letting everyone through; the limit is then per node for a while.
 */
export function rateLimiter(
  shape: LimitShape,
  redis?: Pick<RedisLink, 'commands' | 'prefix'>,
): RateLimiterAbstract {
  const memory = new RateLimiterMemory(shape);
  if (!redis) return memory;
  return new RateLimiterRedis({
    ...shape,
    keyPrefix: `${redis.prefix}${shape.keyPrefix}`,
    storeClient: redis.commands,
    insuranceLimiter: memory,
    // Straight to the insurance limiter while the connection is down, instead of every
    // request waiting for ioredis's retries.
    rejectIfRedisNotReady: true,
  });
}
