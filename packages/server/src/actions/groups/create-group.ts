import type { Conversation, CreateGroupBody } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { newId, now } from '../../ids.ts';
import { presentConversation } from '../../presenters/conversations.ts';
import { type Services, transact } from '../../services.ts';
import { insertConversation, newConversationRow } from '../../store/conversations.ts';
import { addMember, memberIds } from '../../store/members.ts';
import { moveReadCursors } from '../../store/read-state.ts';
import { postNotice } from '../conversations/post-notice.ts';
import { announceGroup } from './announce-group.ts';
import { checkFriends } from './check-friends.ts';

/**
 * Makes a group with the caller as owner and adds the chosen friends at once: choosing them
 * is the consent a QQ/WeChat user expects ("start a group chat with…"). Only friends, so a
 * stranger cannot be pulled into a group; every member hears `conversation.updated`.
 */
export async function createGroup(
  services: Services,
  actor: Actor,
  body: CreateGroupBody,
): Promise<Conversation> {
  const me = actor.user.id;
  const chosen = [...new Set(body.memberIds)].filter((id) => id !== me);
  await checkFriends(services.store.db, me, chosen, 'memberIds');
  if (chosen.length + 1 > services.config.maxGroupSize)
    throw new AppError('group_full', `a group has room for at most ${services.config.maxGroupSize} members`);
  const group = await transact(services, async (tx, emit) => {
    const at = now();
    const row = newConversationRow({
      id: newId(),
      kind: 'group',
      name: body.name,
      description: body.description,
      join_policy: body.joinPolicy,
      invite_mode: body.inviteMode,
      show_presence: body.showPresence ? 1 : 0,
      owner_id: me,
      created_at: at,
    });
    await insertConversation(tx, row);
    await addMember(tx, row.id, me, 'owner', at);
    for (const id of chosen) await addMember(tx, row.id, id, 'member', at);
    let last = await postNotice(tx, emit, row.id, { type: 'group.created', actorId: me, userIds: [] });
    if (chosen.length > 0)
      last = await postNotice(tx, emit, row.id, { type: 'member.added', actorId: me, userIds: chosen });
    // Everyone starts having read the notices of the group's making, as the answer says
    // (readSeq equal to lastSeq) and a fresh load must agree.
    await moveReadCursors(tx, row.id, [me, ...chosen], Number(last.seq));
    return announceGroup(tx, emit, row.id, await memberIds(tx, row.id));
  });
  return presentConversation(group, { role: 'owner', muted_until: null });
}
