import type { Actor } from '../../access/session.ts';
import type { Services } from '../../services.ts';
import { deleteSubscriptionOfSession } from '../../store/push-subscriptions.ts';

/** The caller's device wants no more pushes (the switch turned off). Deleting none is fine. */
export async function deleteSessionSubscription(services: Services, actor: Actor): Promise<void> {
  await deleteSubscriptionOfSession(services.store.db, actor.session.id);
}
