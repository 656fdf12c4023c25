import { LRUCache } from 'lru-cache';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisLink } from '../cluster/redis.ts';
import { AppError } from '../errors.ts';
import { rateLimiter } from './rate-limiter.ts';

/** A node takes this share of a session's budget at a time (see SessionRateLimit). */
const leaseShare = 1 / 20;

interface Lease {
  left: number;
  /** When the Redis window it was taken from ends (ms since the epoch). */
  until: number;
}

/**
 * The per-session request budget (PARLEY_REQUESTS_PER_MINUTE), checked after the token is
 * known to be a live session. Keying on the session, not the raw header, means a made-up
 * token cannot buy a fresh budget; the per-address limit in app.ts bounds everything else.
 *
 * With a RedisLink the budget is shared by every node the session's requests reach. Asking
 * Redis on every WebSocket frame would cost a round trip per message sent (a fifth of a node's
 * send throughput, measured), so a node takes the budget in leases of 1/20: one Redis call per
 * lease, the rest counted here. A lone node leases from its memory limiter the same way: asking
 * it for every frame cost each message sent a promise and a result object (about 4% of what a
 * saturated node allocates). Points are taken before they are spent, so a session never gets
 * more than its budget across nodes within a window (give or take one lease carried over a
 * window's end); near the limit it may be refused up to one lease early.
 */
export class SessionRateLimit {
  private readonly limiter: RateLimiterAbstract;
  private readonly lease: number;
  private readonly leases?: LRUCache<string, Lease>;

  constructor(perMinute: number, redis?: Pick<RedisLink, 'commands' | 'prefix'>) {
    this.limiter = rateLimiter({ keyPrefix: 'session-requests', points: perMinute, duration: 60 }, redis);
    this.lease = Math.max(1, Math.floor(perMinute * leaseShare));
    if (this.lease > 1) this.leases = new LRUCache({ max: 100_000 });
  }

  async consume(sessionId: string): Promise<void> {
    const held = this.leases?.get(sessionId);
    if (held && held.left > 0 && Date.now() < held.until) {
      held.left -= 1;
      return;
    }
    try {
      const res = await this.limiter.consume(sessionId, this.lease);
      this.leases?.set(sessionId, { left: this.lease - 1, until: Date.now() + res.msBeforeNext });
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      throw new AppError('rate_limited', `too many requests; try again in ${retryAfter} s`, { retryAfter });
    }
  }
}
