import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisLink } from '../cluster/redis.ts';
import { AppError } from '../errors.ts';
import { rateLimiter } from './rate-limiter.ts';

/**
 * The per-session request budget (PARLEY_REQUESTS_PER_MINUTE), checked after the token is
 * known to be a live session. Keying on the session, not the raw header, means a made-up
 * token cannot buy a fresh budget; the per-address limit in app.ts bounds everything else.
 * With a RedisLink the budget is shared by every node the session's requests reach.
 */
export class SessionRateLimit {
  private readonly limiter: RateLimiterAbstract;

  constructor(perMinute: number, redis?: Pick<RedisLink, 'commands' | 'prefix'>) {
    this.limiter = rateLimiter({ keyPrefix: 'session-requests', points: perMinute, duration: 60 }, redis);
  }

  async consume(sessionId: string): Promise<void> {
    try {
      await this.limiter.consume(sessionId);
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      throw new AppError('rate_limited', `too many requests; try again in ${retryAfter} s`, { retryAfter });
    }
  }
}
