import type {
  Conversation,
  CreateGroupBody,
  GroupInvitation,
  GroupPage,
  GroupSummary,
  InviteToGroupResult,
  JoinGroupResult,
  JoinRequest,
  Member,
  SearchGroupsQuery,
  UpdateGroupBody,
  UpdateGroupMemberBody,
} from '@parley/protocol';
import { type Call, queryString, seg } from './call.ts';

/**
 * `name` is required; the rest take the server's defaults: no description, join policy
 * 'approval', invite mode 'accept', presence shown, and no one added.
 */
export type CreateGroupParams = Pick<CreateGroupBody, 'name'> & Partial<Omit<CreateGroupBody, 'name'>>;

/** Every field is optional: an empty `q` lists every listed group; `limit` defaults on the server. */
export type SearchGroupsParams = Partial<SearchGroupsQuery>;

/**
 * Groups: make, find, join, invite, decide, manage, leave, dissolve. A group is a conversation
 * (kind 'group'), so its messages, members and history are on `conversations`. Refusals are the
 * server's: `forbidden` for a role that may not, `not_found` for a group that is gone or hidden.
 */
export class GroupsApi {
  constructor(private readonly call: Call) {}

  /** Makes a group with me as owner; `memberIds` (friends only) are in at once, uninvited. */
  create(params: CreateGroupParams): Promise<Conversation> {
    return this.call('POST', '/groups', params);
  }

  /** Finds groups by name, a page at a time; invite-only groups are never listed. */
  search(params: SearchGroupsParams = {}): Promise<GroupPage> {
    return this.call('GET', `/groups${queryString(params)}`);
  }

  /** What a group is, before joining it; an invite-only group is `not_found` to outsiders. */
  preview(groupId: string): Promise<GroupSummary> {
    return this.call('GET', `/groups/${seg(groupId)}/preview`);
  }

  /** Changes the name, description or settings (owner or admin). */
  update(groupId: string, changes: UpdateGroupBody): Promise<Conversation> {
    return this.call('PATCH', `/groups/${seg(groupId)}`, changes);
  }

  /** Ends the group for everyone (owner); afterwards every route on it answers `not_found`. */
  dissolve(groupId: string): Promise<void> {
    return this.call('DELETE', `/groups/${seg(groupId)}`);
  }

  /**
   * Invites friends (any member may). In invite mode 'accept' each gets an invitation; in
   * 'direct' they are `added` at once. One that cannot be invited refuses the whole batch.
   */
  invite(groupId: string, userIds: string[]): Promise<InviteToGroupResult> {
    return this.call('POST', `/groups/${seg(groupId)}/invitations`, { userIds });
  }

  /** My pending invitations. */
  invitations(): Promise<{ invitations: GroupInvitation[] }> {
    return this.call('GET', '/group-invitations');
  }

  /** Accepts an invitation and joins; answers the group. */
  acceptInvitation(invitationId: string): Promise<Conversation> {
    return this.call('POST', `/group-invitations/${seg(invitationId)}/accept`);
  }

  declineInvitation(invitationId: string): Promise<void> {
    return this.call('POST', `/group-invitations/${seg(invitationId)}/decline`);
  }

  /**
   * Joins an open group (or the lobby): `joined`, with the conversation. Asks to join an
   * 'approval' group: `pending`, with the request its owner and admins decide on. An
   * invite-only group refuses with `forbidden`.
   */
  join(groupId: string, note?: string): Promise<JoinGroupResult> {
    return this.call('POST', `/groups/${seg(groupId)}/join`, note === undefined ? undefined : { note });
  }

  /** Pending join requests, oldest first (owner or admin). */
  joinRequests(groupId: string): Promise<{ requests: JoinRequest[] }> {
    return this.call('GET', `/groups/${seg(groupId)}/join-requests`);
  }

  /** Lets the applicant in (owner or admin); they hear `group.join.decided`. */
  approveJoinRequest(requestId: string): Promise<JoinRequest> {
    return this.call('POST', `/join-requests/${seg(requestId)}/approve`);
  }

  /** Turns the applicant away (owner or admin); they hear `group.join.decided`. */
  rejectJoinRequest(requestId: string): Promise<JoinRequest> {
    return this.call('POST', `/join-requests/${seg(requestId)}/reject`);
  }

  /** Removes a member: the owner anyone else, an admin plain members only. */
  kick(groupId: string, userId: string): Promise<void> {
    return this.call('DELETE', `/groups/${seg(groupId)}/members/${seg(userId)}`);
  }

  /** Leaves a group or the lobby. */
  leave(groupId: string): Promise<void> {
    return this.call('POST', `/groups/${seg(groupId)}/leave`);
  }

  /**
   * Changes a member's role (owner only) or mutes them until a future time, `null` to unmute
   * (owner or admin); answers the member as they are now.
   */
  updateMember(groupId: string, userId: string, changes: UpdateGroupMemberBody): Promise<Member> {
    return this.call('PATCH', `/groups/${seg(groupId)}/members/${seg(userId)}`, changes);
  }

  /** Hands the group to another member (owner); I stay on as an admin. */
  transfer(groupId: string, userId: string): Promise<Conversation> {
    return this.call('POST', `/groups/${seg(groupId)}/transfer`, { userId });
  }

  /** Sets the group's avatar from one of my finished image uploads (owner or admin). */
  setAvatar(groupId: string, uploadId: string): Promise<Conversation> {
    return this.call('PUT', `/groups/${seg(groupId)}/avatar`, { uploadId });
  }

  removeAvatar(groupId: string): Promise<Conversation> {
    return this.call('DELETE', `/groups/${seg(groupId)}/avatar`);
  }

  /** Pins one of the group's messages as its announcement (owner or admin). */
  setAnnouncement(groupId: string, messageId: string): Promise<Conversation> {
    return this.call('PUT', `/groups/${seg(groupId)}/announcement`, { messageId });
  }

  /** Takes the group's announcement down (owner or admin). */
  removeAnnouncement(groupId: string): Promise<Conversation> {
    return this.call('DELETE', `/groups/${seg(groupId)}/announcement`);
  }
}
