import type { PushSubscriptionBody, PushSubscriptionState } from '@parley/protocol';
import type { Call } from './call.ts';

/**
 * This session's Web Push subscription (PROTOCOL.md "Push notifications"). The browser makes
 * the subscription with the server's `vapidPublicKey` (`serverInfo()`); this hands it over.
 */
export class PushApi {
  constructor(private readonly call: Call) {}

  /** Where this session's pushes go; `endpoint` null when the server has none for it. */
  subscription(): Promise<PushSubscriptionState> {
    return this.call('GET', '/me/push-subscription');
  }

  /** Pushes for this session go to `subscription` (what `PushSubscription.toJSON()` gives). */
  subscribe(subscription: PushSubscriptionBody): Promise<void> {
    return this.call('PUT', '/me/push-subscription', subscription);
  }

  /** No more pushes to this session. */
  unsubscribe(): Promise<void> {
    return this.call('DELETE', '/me/push-subscription');
  }
}
