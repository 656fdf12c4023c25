import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../errors.ts';

const WINDOW_SECONDS = 15 * 60;

/**
 * Slows password guessing: after `maxFailures` failed logins for one account, or five times
 * as many from one address, within 15 minutes, further attempts are refused with 429 and
 * Retry-After until the window passes. A success clears the account's count.
 * Memory-backed for one process; the cluster step swaps in rate-limiter-flexible's Redis store.
 */
export class LoginThrottle {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;

  constructor(maxFailures: number) {
    this.perAccount = new RateLimiterMemory({
      keyPrefix: 'login-user',
      points: maxFailures,
      duration: WINDOW_SECONDS,
    });
    this.perAddress = new RateLimiterMemory({
      keyPrefix: 'login-ip',
      points: maxFailures * 5,
      duration: WINDOW_SECONDS,
    });
  }

  /** Throws `rate_limited` if either the account or the address has used up its attempts. */
  async check(username: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.perAccount.get(username), this.perAddress.get(ip)]);
    const blocked = [
      [account, this.perAccount.points],
      [address, this.perAddress.points],
    ] as const;
    for (const [res, points] of blocked) {
      if (res && res.consumedPoints >= points) {
        const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
        throw new AppError('rate_limited', `too many failed logins; try again in ${retryAfter} s`, {
          retryAfter,
        });
      }
    }
  }

  async failed(username: string, ip: string): Promise<void> {
    await Promise.all([swallow(this.perAccount.penalty(username)), swallow(this.perAddress.penalty(ip))]);
  }

  async succeeded(username: string): Promise<void> {
    await this.perAccount.delete(username);
  }
}

async function swallow(p: Promise<unknown>): Promise<void> {
  await p.catch(() => undefined);
}
