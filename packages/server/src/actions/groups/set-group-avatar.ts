import type { Conversation } from '@parley/protocol';
import { accessGroup } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { updateConversation } from '../../store/conversations.ts';
import { memberIds } from '../../store/members.ts';
import { showConversation } from '../conversations/show-conversation.ts';
import { postNotice } from '../conversations/post-notice.ts';
import { avatarFromUpload } from '../uploads/make-avatar.ts';
import { announceGroup } from './announce-group.ts';

/**
 * The owner or an admin sets the group's avatar from one of their image uploads, or removes
 * it (`uploadId` null). The history reads "Alice changed the group's settings" (fields:
 * avatar) and members hear `conversation.updated`. Checked before the image work and again,
 * under the group's lock, when it is saved.
 */
export async function setGroupAvatar(
  services: Services,
  actor: Actor,
  id: string,
  uploadId: string | null,
): Promise<Conversation> {
  const me = actor.user.id;
  const check = async (db: Services['store']['db']) => {
    const { conversation: group, member } = await accessGroup(db, me, id, 'member');
    if (group.kind === 'lobby') throw new AppError('forbidden', 'nobody may change the lobby');
    if (member.role === 'member') throw new AppError('forbidden', 'only the owner or an admin can do that');
  };
  await check(services.store.db);
  const save = (avatar: string | null, small: string | null) =>
    transact(services, async (tx, emit) => {
      await check(tx);
      await updateConversation(tx, id, { avatar, avatar_small: small, updated_at: now() });
      await postNotice(tx, emit, id, {
        type: 'group.updated',
        actorId: me,
        userIds: [],
        detail: { fields: 'avatar' },
      });
      await announceGroup(tx, emit, id, await memberIds(tx, id));
    });
  if (uploadId === null) await save(null, null);
  else await avatarFromUpload(services, actor, uploadId, ({ large, small }) => save(large, small));
  return showConversation(services, actor, id);
}
