import type { PushSubscriptionState } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import type { Services } from '../../services.ts';
import { subscriptionOfSession } from '../../store/push-subscriptions.ts';

/** Where this session's pushes go, so a client can tell whether the server still has its subscription. */
export async function showSessionSubscription(
  services: Services,
  actor: Actor,
): Promise<PushSubscriptionState> {
  const row = await subscriptionOfSession(services.store.db, actor.session.id);
  return { endpoint: row?.endpoint ?? null };
}
