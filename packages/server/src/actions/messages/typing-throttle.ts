import { limits } from '@parley/protocol';
import type { Services } from '../../services.ts';

/**
 * At most one typing event per user and conversation per limits.typingIntervalMs, counted in
 * this node's memory: typing is ephemeral, so losing the counts on a restart costs nothing.
 * With several nodes a user on two of them could pass twice per interval (the cluster step
 * may move this to Redis with the other limiters). Stale entries are swept at most once per
 * interval, so the map holds only people typing lately.
 */
export class TypingThrottle {
  private readonly last = new Map<string, number>();
  private sweptAt = 0;

  constructor(private readonly intervalMs = limits.typingIntervalMs) {}

  /** True when this user may announce typing here now (and counts it). */
  take(userId: string, conversationId: string, at = Date.now()): boolean {
    this.sweep(at);
    const key = `${userId} ${conversationId}`;
    const previous = this.last.get(key);
    if (previous !== undefined && at - previous < this.intervalMs) return false;
    this.last.set(key, at);
    return true;
  }

  /** Gives back a take that was refused after all (not a member, muted). */
  release(userId: string, conversationId: string): void {
    this.last.delete(`${userId} ${conversationId}`);
  }

  private sweep(at: number): void {
    if (at - this.sweptAt < this.intervalMs) return;
    this.sweptAt = at;
    for (const [key, time] of this.last) if (at - time >= this.intervalMs) this.last.delete(key);
  }
}

const throttles = new WeakMap<Services, TypingThrottle>();

/** The node's throttle (one per Services, so test servers in one process do not share one). */
export function typingThrottleOf(services: Services): TypingThrottle {
  let throttle = throttles.get(services);
  if (!throttle) throttles.set(services, (throttle = new TypingThrottle()));
  return throttle;
}
