import type { Member, SystemNotice, UpdateGroupMemberBody } from '@parley/protocol';
import { accessGroup } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { presentMember } from '../../presenters/conversations.ts';
import { type Services, transact } from '../../services.ts';
import { lockGroup } from '../../store/groups.ts';
import { memberIds, membership, updateMember } from '../../store/members.ts';
import type { MemberRow } from '../../store/tables.ts';
import { userById } from '../../store/users.ts';
import { postNotice } from '../conversations/post-notice.ts';

/**
 * Changes a member's role (owner only: promote to admin, demote to member) or mutes them until
 * a time (owner or admin; an admin may mute plain members only, and nobody mutes the owner).
 * Each real change is a notice in the history; members hear `member.updated`.
 */
export async function updateGroupMember(
  services: Services,
  actor: Actor,
  groupId: string,
  userId: string,
  body: UpdateGroupMemberBody,
): Promise<Member> {
  const me = actor.user.id;
  return transact(services, async (tx, emit) => {
    await lockGroup(tx, groupId);
    const { conversation: group, member: mine } = await accessGroup(tx, me, groupId, 'admin');
    if (group.kind === 'lobby') throw new AppError('forbidden', 'nobody manages members of the lobby');
    const target = await membership(tx, groupId, userId);
    if (!target) throw new AppError('not_found', 'no such member');
    const changes: Partial<Pick<MemberRow, 'role' | 'muted_until'>> = {};
    const notices: SystemNotice[] = [];
    const notice = (type: SystemNotice['type'], detail?: Record<string, string>) =>
      notices.push({ type, actorId: me, userIds: [userId], ...(detail && { detail }) });

    if (body.role !== undefined) {
      if (mine.role !== 'owner') throw new AppError('forbidden', 'only the owner can change roles');
      if (target.role === 'owner')
        throw new AppError('forbidden', 'the owner keeps their role; transfer ownership instead');
      if (body.role !== target.role) {
        changes.role = body.role;
        notice(body.role === 'admin' ? 'member.promoted' : 'member.demoted');
      }
    }
    if (body.mutedUntil !== undefined) {
      if (target.role === 'owner') throw new AppError('forbidden', 'nobody can mute the owner');
      if (mine.role === 'admin' && target.role === 'admin')
        throw new AppError('forbidden', 'an admin can mute plain members only');
      const until = body.mutedUntil === null ? null : new Date(body.mutedUntil).toISOString();
      if (until !== null && Date.parse(until) <= Date.now())
        throw new AppError('invalid_request', 'mutedUntil must be in the future', { field: 'mutedUntil' });
      if (until !== null) {
        changes.muted_until = until;
        notice('member.muted', { until });
      } else if (target.muted_until !== null) {
        changes.muted_until = null;
        notice('member.unmuted');
      }
    }
    const user = (await userById(tx, userId))!;
    const updated = presentMember({ ...target, ...changes }, user);
    if (notices.length === 0) return updated;
    await updateMember(tx, groupId, userId, changes);
    for (const n of notices) await postNotice(tx, emit, groupId, n);
    emit({
      to: { users: await memberIds(tx, groupId) },
      event: { event: 'member.updated', data: { conversationId: groupId, member: updated } },
    });
    return updated;
  });
}
