import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisLink } from '../cluster/redis.ts';
import { AppError } from '../errors.ts';
import { rateLimiter } from '../http/rate-limiter.ts';

const WINDOW_SECONDS = 15 * 60;
/** The first slowed attempt on an account waits this long; each further one twice as long … */
export const SLOWDOWN_FIRST_MS = 250;
/** … up to this. Long enough to make a botnet's guesses slow, short enough for the owner to wait out. */
export const SLOWDOWN_MAX_MS = 4000;
/** The account counter never refuses: it only counts (rate-limiter-flexible needs a ceiling). */
const UNBOUNDED = 1_000_000_000;

export interface LoginThrottleOptions {
  /** How a slowed attempt waits; tests pass one that notes the delay and returns at once. */
  wait?: (ms: number) => Promise<void>;
}

/** One attempt the throttle let through; say `succeeded` when the password was right. */
export interface LoginAttempt {
  succeeded(): Promise<void>;
}

/**
 * Slows password guessing without letting a guesser lock the owner out (docs/architecture.md,
 * "Login throttling"). Within 15 minutes:
 *
 * - **Account and address** (the pair): after `maxFailures` failures, that address is refused
 *   for that account with 429 and Retry-After until the window passes. A guesser at one
 *   address stops there; the owner, anywhere else, is not affected.
 * - **Address**, over all accounts: five times as many, then 429 (password spraying).
 * - **Account**, over all addresses: never refused — a refusal here is what let anyone lock
 *   anyone out. Past `maxFailures` failures each attempt instead waits before its password is
 *   checked, 0.25 s doubling up to 4 s. The owner on a new device waits a few seconds at
 *   worst and gets in; a guesser spread over many addresses (each held by the pair limit) has
 *   every guess held for seconds. A wait rather than a short 429: a 429 slot that opens every
 *   few seconds goes to whoever asks first, and a guesser asks more often than the owner.
 * - **Known device** (auth/known-device.ts): a login that presents this device's value for the
 *   account skips all three and counts against the device alone, `maxFailures` failures; past
 *   that the value is ignored (the attempt is treated like any other), so a stolen value buys
 *   little.
 *
 * Every attempt is counted *before* the password is checked and refunded when it was right:
 * checking first and counting failures afterwards would let a burst of parallel guesses all
 * pass the check before any failure was counted. The wait comes before the check and is the
 * same for a right and a wrong password, so it tells nothing. Memory-backed for one process;
 * with a RedisLink the counts live in Redis, so a guesser spreading attempts over several
 * nodes meets the same limits (http/rate-limiter.ts).
 */
export class LoginThrottle {
  private readonly perPair: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;
  private readonly perAccount: RateLimiterAbstract;
  private readonly perDevice: RateLimiterAbstract;
  private readonly wait: (ms: number) => Promise<void>;

  constructor(
    private readonly maxFailures: number,
    redis?: Pick<RedisLink, 'commands' | 'prefix'>,
    { wait = (ms) => sleep(ms) }: LoginThrottleOptions = {},
  ) {
    const limiter = (keyPrefix: string, points: number) =>
      rateLimiter({ keyPrefix, points, duration: WINDOW_SECONDS }, redis);
    this.perPair = limiter('login-pair', maxFailures);
    this.perAddress = limiter('login-ip', maxFailures * 5);
    this.perAccount = limiter('login-account', UNBOUNDED);
    this.perDevice = limiter('login-device', maxFailures);
    this.wait = wait;
  }

  /**
   * Counts one attempt to sign in to `username` from `ip`; throws `rate_limited` when the pair
   * or the address has none left, and waits first when the account has many recent failures.
   * `device`: the id of a known device of this account (knownDeviceOf), or null.
   */
  async attempt(username: string, ip: string, device: string | null = null): Promise<LoginAttempt> {
    if (device !== null && (await consumeIfLeft(this.perDevice, device))) {
      return { succeeded: () => this.perDevice.delete(device).then(() => {}) };
    }
    const pair = `${username}/${ip}`;
    // One limiter after the other, so an attempt refused by either costs the other nothing.
    await consumeOrRefuse(this.perPair, pair);
    try {
      await consumeOrRefuse(this.perAddress, ip);
    } catch (err) {
      await this.perPair.reward(pair, 1);
      throw err;
    }
    const { consumedPoints } = await this.perAccount.consume(username);
    const delay = slowdownMs(consumedPoints - 1, this.maxFailures);
    if (delay > 0) await this.wait(delay);
    // The password was right: the pair starts over, the address and the account get their point back.
    return {
      succeeded: async () => {
        await Promise.all([
          this.perPair.delete(pair),
          this.perAddress.reward(ip, 1),
          this.perAccount.reward(username, 1),
        ]);
      },
    };
  }
}

/** How long an attempt waits when the account has had `failures` failures in the window. */
export function slowdownMs(failures: number, maxFailures: number): number {
  if (failures < maxFailures) return 0;
  return Math.min(SLOWDOWN_MAX_MS, SLOWDOWN_FIRST_MS * 2 ** Math.min(failures - maxFailures, 30));
}

async function consumeIfLeft(limiter: RateLimiterAbstract, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (res) {
    if (res instanceof RateLimiterRes) return false;
    throw res;
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
