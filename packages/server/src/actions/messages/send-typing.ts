import { accessConversation } from '../../access/conversations.ts';
import type { Caller } from '../../access/session.ts';
import type { Services } from '../../services.ts';
import { memberIds } from '../../store/members.ts';
import { checkCanSend } from './check-can-send.ts';
import { typingThrottleOf } from './typing-throttle.ts';

/**
 * "Alice is typing": published straight to the other members' sockets, never stored, and not
 * to Alice's own devices. Only someone who could send there may announce it (member, not
 * muted, direct messages allowed). Past the throttle (one per user and conversation per
 * limits.typingIntervalMs) the request is answered ok but nothing is published: a client
 * that types fast should not see errors for it, and the others have just been told anyway.
 */
export async function sendTyping(services: Services, actor: Caller, conversationId: string): Promise<void> {
  const db = services.store.db;
  const me = actor.user.id;
  const throttle = typingThrottleOf(services);
  if (!throttle.take(me, conversationId)) return;
  let others: string[];
  try {
    const access = await accessConversation(db, me, conversationId);
    await checkCanSend(services, db, me, access);
    others = (await memberIds(db, conversationId)).filter((id) => id !== me);
  } catch (err) {
    throttle.release(me, conversationId);
    throw err;
  }
  if (others.length === 0) return;
  await services.bus.publish({
    to: { users: others },
    event: { event: 'typing', data: { conversationId, userId: me } },
  });
}
