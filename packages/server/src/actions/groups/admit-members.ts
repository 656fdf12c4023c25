import type { SystemNotice } from '@parley/protocol';
import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { presentMember } from '../../presenters/conversations.ts';
import type { Services } from '../../services.ts';
import { cancelPending } from '../../store/group-decisions.ts';
import { addMember, memberIds } from '../../store/members.ts';
import { usersByIds } from '../../store/people-by-id.ts';
import { moveReadCursors } from '../../store/read-state.ts';
import type { ConversationRow, Database } from '../../store/tables.ts';
import { postNotice } from '../conversations/post-notice.ts';
import { announceGroup } from './announce-group.ts';
import { emitCancelled } from './emit-cancelled.ts';

/** Refuses when `newcomers` more would pass PARLEY_MAX_GROUP_SIZE; the lobby has no limit. */
export function ensureRoom(services: Services, group: ConversationRow, newcomers: number): void {
  if (group.kind === 'group' && group.member_count + newcomers > services.config.maxGroupSize)
    throw new AppError(
      'group_full',
      `the group has room for at most ${services.config.maxGroupSize} members`,
    );
}

/**
 * Brings people into a group the caller has locked (lockGroup) and checked. Those already in
 * hear `member.added` for each newcomer, everyone reads the notice, and the newcomers get the
 * conversation itself (`conversation.updated`), so they learn it after its newest seq.
 * Open invitations and join requests of the newcomers are cancelled: they are in now.
 */
export async function admitMembers(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  group: ConversationRow,
  userIds: string[],
  notice: SystemNotice,
): Promise<ConversationRow> {
  const at = now();
  const before = await memberIds(tx, group.id);
  const users = await usersByIds(tx, userIds);
  for (const userId of userIds) {
    const member = await addMember(tx, group.id, userId, 'member', at);
    emitCancelled(emit, group.id, await cancelPending(tx, group.id, at, userId));
    if (before.length > 0)
      emit({
        to: { users: before },
        event: {
          event: 'member.added',
          data: { conversationId: group.id, member: presentMember(member, users.get(userId)!) },
        },
      });
  }
  const posted = await postNotice(tx, emit, group.id, notice);
  // Their cursors were set where the group stood before the notice; the answers (join,
  // accept) and a fresh load must agree that newcomers have read their own arrival
  // (PROTOCOL.md: those answers carry readSeq equal to lastSeq).
  await moveReadCursors(tx, group.id, userIds, Number(posted.seq));
  return announceGroup(tx, emit, group.id, userIds);
}
