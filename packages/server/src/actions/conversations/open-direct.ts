import type { Conversation } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { type Services, transact } from '../../services.ts';
import { directConversation } from '../../store/conversations.ts';
import { membership } from '../../store/members.ts';
import { areFriends, hasBlocked } from '../../store/relations.ts';
import { userById } from '../../store/users.ts';
import { ensureDirectConversation } from './ensure-direct.ts';
import { showConversation } from './show-conversation.ts';

/**
 * Opens the caller's direct conversation with a user, or returns the one they already have.
 * A new one needs PARLEY_DM_POLICY's consent (friends only, by default) and no block either
 * way; the refusal does not say which rule stopped it.
 */
export async function openDirectConversation(
  services: Services,
  actor: Actor,
  userId: string,
): Promise<Conversation> {
  const me = actor.user.id;
  if (userId === me)
    throw new AppError('invalid_request', 'you cannot open a conversation with yourself', {
      field: 'userId',
    });
  const db = services.store.db;
  const peer = await userById(db, userId);
  if (!peer) throw new AppError('not_found', 'no such user');
  const existing = await directConversation(db, me, userId);
  const mine = existing && (await membership(db, existing.id, me));
  if (existing && mine) return showConversation(services, actor, existing.id);
  const allowed =
    !(await hasBlocked(db, userId, me)) &&
    !(await hasBlocked(db, me, userId)) &&
    (services.config.dmPolicy === 'anyone' || (await areFriends(db, me, userId)));
  if (!allowed) throw new AppError('cannot_message', 'this user does not accept direct messages from you');
  const row = await transact(services, (tx, emit) => ensureDirectConversation(tx, emit, me, userId), {
    retryOnConflict: true,
  });
  return showConversation(services, actor, row.id);
}
