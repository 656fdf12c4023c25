import { z } from 'zod';
import { limits } from '../limits.ts';
import { PublicUser } from './accounts.ts';
import { Id, LookupText, Timestamp, VisibleName } from './common.ts';
import { Conversation, InviteMode, JoinPolicy, MemberRole } from './conversations.ts';

/**
 * Groups: request bodies, invitations, join requests and their events. The rules behind them
 * (who may do what, who hears of it) are in PROTOCOL.md, "Groups".
 */

/** Like a name's character rules, but newlines and tabs are allowed. */
const multiLine = /^(?:[\n\t]|[^\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069])*$/u;

/** A group's name: the rules of every visible name (one line, not blank), stored trimmed. */
export const GroupName = VisibleName(limits.groupNameMax, { trim: true });

export const GroupDescription = z
  .string()
  .max(limits.groupDescriptionMax)
  .regex(multiLine, 'no control characters');

/** The applicant's note on a join request ("I'm Alice from class 3"). */
export const JoinNote = z.string().max(limits.requestNoteMax).regex(multiLine, 'no control characters');

const GroupSettings = {
  joinPolicy: JoinPolicy,
  inviteMode: InviteMode,
  showPresence: z.boolean(),
};

export const CreateGroupBody = z.strictObject({
  name: GroupName,
  description: GroupDescription.default(''),
  joinPolicy: JoinPolicy.default('approval'),
  inviteMode: InviteMode.default('accept'),
  showPresence: z.boolean().default(true),
  /** Friends added at once (no invitation to accept). */
  memberIds: z.array(Id).max(limits.inviteBatchMax).default([]),
});
export type CreateGroupBody = z.infer<typeof CreateGroupBody>;

export const UpdateGroupBody = z
  .strictObject({
    name: GroupName.optional(),
    description: GroupDescription.optional(),
    joinPolicy: GroupSettings.joinPolicy.optional(),
    inviteMode: GroupSettings.inviteMode.optional(),
    showPresence: GroupSettings.showPresence.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');
export type UpdateGroupBody = z.infer<typeof UpdateGroupBody>;

/** `PUT /groups/{id}/announcement`: the group's message to pin for every member (PROTOCOL.md, Announcements). */
export const SetAnnouncementBody = z.strictObject({ messageId: Id });
export type SetAnnouncementBody = z.infer<typeof SetAnnouncementBody>;

export const SearchGroupsQuery = z.strictObject({
  /** Text the name must contain (any letter case); empty lists every listed group. */
  q: LookupText(limits.searchQueryMax).trim().default(''),
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(400).optional(),
});
export type SearchGroupsQuery = z.infer<typeof SearchGroupsQuery>;

/** What anyone may see of a listed group: enough to decide whether to join. */
export const GroupSummary = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  avatar: z.string().nullable(),
  avatarSmall: z.string().nullable(),
  memberCount: z.number().int(),
  joinPolicy: JoinPolicy,
});
export type GroupSummary = z.infer<typeof GroupSummary>;

export const GroupPage = z.object({ groups: z.array(GroupSummary), nextCursor: z.string().nullable() });
export type GroupPage = z.infer<typeof GroupPage>;

export const GroupRequestStatus = z.enum(['pending', 'accepted', 'declined', 'cancelled']);

export const GroupInvitation = z.object({
  id: Id,
  group: GroupSummary,
  inviter: PublicUser,
  inviteeId: Id,
  status: GroupRequestStatus,
  createdAt: Timestamp,
  decidedAt: Timestamp.nullable(),
});
export type GroupInvitation = z.infer<typeof GroupInvitation>;

export const GroupInvitationList = z.object({ invitations: z.array(GroupInvitation) });

export const InviteToGroupBody = z.strictObject({
  userIds: z.array(Id).min(1).max(limits.inviteBatchMax),
});
export type InviteToGroupBody = z.infer<typeof InviteToGroupBody>;

/** `invitations` were sent (invite mode 'accept'); `added` joined at once (invite mode 'direct'). */
export const InviteToGroupResult = z.object({ invitations: z.array(GroupInvitation), added: z.array(Id) });
export type InviteToGroupResult = z.infer<typeof InviteToGroupResult>;

export const JoinRequest = z.object({
  id: Id,
  group: GroupSummary,
  applicant: PublicUser,
  note: z.string(),
  status: GroupRequestStatus,
  /** The owner or admin who approved or rejected it. */
  decidedBy: Id.nullable(),
  createdAt: Timestamp,
  decidedAt: Timestamp.nullable(),
});
export type JoinRequest = z.infer<typeof JoinRequest>;

export const JoinRequestList = z.object({ requests: z.array(JoinRequest) });

export const JoinGroupBody = z.strictObject({ note: JoinNote.default('') });
export type JoinGroupBody = z.infer<typeof JoinGroupBody>;

export const JoinGroupResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('joined'), conversation: Conversation }),
  z.object({ status: z.literal('pending'), request: JoinRequest }),
]);
export type JoinGroupResult = z.infer<typeof JoinGroupResult>;

export const UpdateGroupMemberBody = z
  .strictObject({
    /** Owner only. */
    role: MemberRole.exclude(['owner']).optional(),
    /** Until when the member may not send (a future time), or null to unmute. */
    mutedUntil: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .refine((b) => b.role !== undefined || b.mutedUntil !== undefined, 'change role or mutedUntil');
export type UpdateGroupMemberBody = z.infer<typeof UpdateGroupMemberBody>;

export const TransferGroupBody = z.strictObject({ userId: Id });

export const groupEvents = {
  /** To the invitee: someone invited them (invite mode 'accept'). */
  'group.invited': z.object({ invitation: GroupInvitation }),
  /** To the inviter and the invitee: the invitation was accepted or declined. */
  'group.invitation.answered': z.object({ invitationId: Id, groupId: Id, accepted: z.boolean() }),
  /** To the invitee: a pending invitation is gone (the group was dissolved, or they got in another way). */
  'group.invitation.cancelled': z.object({ invitationId: Id, groupId: Id }),
  /** To the owner and admins: someone asked to join. */
  'group.join.requested': z.object({ request: JoinRequest }),
  /** To the applicant, the owner and admins: a join request was approved or rejected. */
  'group.join.decided': z.object({ request: JoinRequest }),
} as const;
