import type { Kysely } from 'kysely';
import { accessGroup } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import type { Envelope } from '../../bus/bus.ts';
import { now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { lockGroup, markDissolved } from '../../store/groups.ts';
import { memberIds } from '../../store/members.ts';
import type { ConversationRow, Database } from '../../store/tables.ts';
import { postNotice } from '../conversations/post-notice.ts';
import { emitCancelled } from './emit-cancelled.ts';

/** The owner dissolves the group: afterwards every route on it answers "not found". */
export async function dissolveGroup(services: Services, actor: Actor, groupId: string): Promise<void> {
  await transact(services, async (tx, emit) => {
    await lockGroup(tx, groupId);
    const { conversation: group } = await accessGroup(tx, actor.user.id, groupId, 'owner');
    await dissolveLockedGroup(tx, emit, group, actor.user.id);
  });
}

/**
 * Every member reads "Alice dissolved the group" and then gets a `member.removed` naming
 * themselves (reason 'dissolved'), which tells a client to drop the conversation. Then the
 * group is marked dissolved, emptied, and its open invitations and requests cancelled (each
 * invitee hears `group.invitation.cancelled`).
 */
export async function dissolveLockedGroup(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  group: ConversationRow,
  actorId: string,
): Promise<void> {
  await postNotice(tx, emit, group.id, { type: 'group.dissolved', actorId, userIds: [] });
  for (const userId of await memberIds(tx, group.id)) {
    emit({
      to: { users: [userId] },
      event: { event: 'member.removed', data: { conversationId: group.id, userId, reason: 'dissolved' } },
    });
  }
  const cancelled = await markDissolved(tx, group.id, now());
  emitCancelled(emit, group.id, cancelled);
}
