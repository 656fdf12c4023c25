import type { JoinGroupBody, JoinGroupResult } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { newId, now } from '../../ids.ts';
import { presentConversation } from '../../presenters/conversations.ts';
import { presentJoinRequest } from '../../presenters/groups.ts';
import { type Services, transact } from '../../services.ts';
import { lockGroup } from '../../store/groups.ts';
import { insertJoinRequest, pendingJoinRequest } from '../../store/join-requests.ts';
import { managerIds, membership } from '../../store/members.ts';
import type { JoinRequestRow } from '../../store/tables.ts';
import { admitMembers, ensureRoom } from './admit-members.ts';

/**
 * Someone outside asks to join. An open group (and the lobby) lets them straight in; an
 * 'approval' group files a request that its owner and admins hear of (`group.join.requested`)
 * and decide on; an invite-only group takes people only by invitation.
 */
export async function joinGroup(
  services: Services,
  actor: Actor,
  id: string,
  body: JoinGroupBody,
): Promise<JoinGroupResult> {
  const me = actor.user.id;
  return transact(services, async (tx, emit) => {
    const group = await lockGroup(tx, id);
    // A lobby the server has switched off (PARLEY_LOBBY=false) takes nobody new.
    if (!group || (group.kind === 'lobby' && !services.config.lobby)) {
      throw new AppError('not_found', 'no such group');
    }
    if (await membership(tx, id, me)) throw new AppError('already_member', 'you are in this group already');
    const policy = group.kind === 'lobby' ? 'open' : group.join_policy;
    // To outsiders an invite-only group does not exist (its preview is 404 too): answering
    // "forbidden" would confirm a guessed id. Its members get in by invitation.
    if (policy === 'invite') throw new AppError('not_found', 'no such group');
    if (policy === 'approval' && (await pendingJoinRequest(tx, id, me)))
      throw new AppError('already_requested', 'you have asked to join already; wait for an answer');
    ensureRoom(services, group, 1);
    if (policy === 'open') {
      const joined = await admitMembers(tx, emit, group, [me], {
        type: 'member.joined',
        actorId: me,
        userIds: [me],
      });
      return {
        status: 'joined',
        conversation: presentConversation(joined, { role: 'member', muted_until: null }),
      };
    }
    const row: JoinRequestRow = {
      id: newId(),
      conversation_id: id,
      user_id: me,
      note: body.note,
      status: 'pending',
      decided_by: null,
      created_at: now(),
      decided_at: null,
    };
    await insertJoinRequest(tx, row);
    const request = presentJoinRequest(row, group, actor.user);
    emit({
      to: { users: await managerIds(tx, id) },
      event: { event: 'group.join.requested', data: { request } },
    });
    return { status: 'pending', request };
  });
}
