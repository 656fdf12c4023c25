import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors.ts';

/**
 * The per-session request budget (PARLEY_REQUESTS_PER_MINUTE), checked after the token is
 * known to be a live session. Keying on the session, not the raw header, means a made-up
 * token cannot buy a fresh budget; the per-address limit in app.ts bounds everything else.
 */
export class SessionRateLimit {
  private readonly limiter: RateLimiterMemory;

  constructor(perMinute: number) {
    this.limiter = new RateLimiterMemory({ keyPrefix: 'session-requests', points: perMinute, duration: 60 });
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
