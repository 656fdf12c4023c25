import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisLink } from '../cluster/redis.ts';
import { AppError } from '../errors.ts';
import { rateLimiter } from '../http/rate-limiter.ts';

const WINDOW_SECONDS = 15 * 60;

/**
 * Slows password guessing: after `maxFailures` failed logins for one account, or five times
 * as many from one address, within 15 minutes, further attempts are refused with 429 and
 * Retry-After until the window passes.
 *
 * Every attempt is counted *before* the password is checked and refunded when it was right:
 * checking first and counting failures afterwards would let a burst of parallel guesses all
 * pass the check before any failure was counted.
 * Memory-backed for one process; with a RedisLink the counts live in Redis, so a guesser
 * spreading attempts over several nodes meets the same limit (http/rate-limiter.ts).
 */
export class LoginThrottle {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;

  constructor(maxFailures: number, redis?: Pick<RedisLink, 'commands' | 'prefix'>) {
    this.perAccount = rateLimiter(
      { keyPrefix: 'login-user', points: maxFailures, duration: WINDOW_SECONDS },
      redis,
    );
    this.perAddress = rateLimiter(
      { keyPrefix: 'login-ip', points: maxFailures * 5, duration: WINDOW_SECONDS },
      redis,
    );
  }

  /**
   * Counts one attempt against the account and the address; throws `rate_limited` when either
   * has none left. Call `succeeded` when the password turns out right.
   */
  async attempt(username: string, ip: string): Promise<void> {
    // One limiter after the other, so an attempt refused by either costs the other nothing.
    await consumeOrRefuse(this.perAccount, username);
    try {
      await consumeOrRefuse(this.perAddress, ip);
    } catch (err) {
      await this.perAccount.reward(username, 1);
      throw err;
    }
  }

  /** The password was right: the account's count starts over and the address gets its point back. */
  async succeeded(username: string, ip: string): Promise<void> {
    await Promise.all([this.perAccount.delete(username), this.perAddress.reward(ip, 1)]);
  }
}

async function consumeOrRefuse(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (res) {
    if (!(res instanceof RateLimiterRes)) throw res;
    const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    throw new AppError('rate_limited', `too many failed logins; try again in ${retryAfter} s`, {
      retryAfter,
    });
  }
}
