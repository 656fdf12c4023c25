import { avatarPath } from './attachments.ts';
import type { GroupInvitation, GroupSummary, JoinRequest } from '@parley/protocol';
import type { ConversationRow, GroupInvitationRow, JoinRequestRow, UserRow } from '../store/tables.ts';
import { presentUser } from './users.ts';

/** What anyone may see of a group before joining. The lobby is open to all, whatever its row says. */
export function presentGroupSummary(row: ConversationRow): GroupSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    avatar: avatarPath(row.avatar),
    avatarSmall: avatarPath(row.avatar_small),
    memberCount: row.member_count,
    joinPolicy: row.kind === 'lobby' ? 'open' : row.join_policy,
  };
}

export function presentInvitation(
  row: GroupInvitationRow,
  group: ConversationRow,
  inviter: UserRow,
): GroupInvitation {
  return {
    id: row.id,
    group: presentGroupSummary(group),
    inviter: presentUser(inviter),
    inviteeId: row.invitee_id,
    status: row.status,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}

export function presentJoinRequest(
  row: JoinRequestRow,
  group: ConversationRow,
  applicant: UserRow,
): JoinRequest {
  return {
    id: row.id,
    group: presentGroupSummary(group),
    applicant: presentUser(applicant),
    note: row.note,
    status: row.status,
    decidedBy: row.decided_by,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}
