import type {
  Conversation,
  GroupInvitation,
  GroupPage,
  GroupSummary,
  InviteToGroupResult,
  JoinGroupResult,
  JoinRequest,
  Member,
  UpdateGroupBody,
  UpdateGroupMemberBody,
} from '@parley/protocol';
import type { CreateGroupParams, SearchGroupsParams } from '../../api/groups.ts';
import { removeConversation } from '../reduce/conversations.ts';
import { gotIn } from '../reduce/groups.ts';
import type { SessionCore } from '../session-core.ts';
import { putConversation } from './put-conversation.ts';

/** Groups: make, change, invite, join, decide applications, roles, kick, leave, dissolve. */
export class GroupActions {
  constructor(private readonly core: SessionCore) {}

  /** Listed groups whose name contains the text. */
  search(params: SearchGroupsParams = {}): Promise<GroupPage> {
    return this.core.http.groups.search(params);
  }

  /** What a group shows to someone not in it (before joining). */
  preview(groupId: string): Promise<GroupSummary> {
    return this.core.http.groups.preview(groupId);
  }

  async create(params: CreateGroupParams): Promise<Conversation> {
    return this.put(await this.core.http.groups.create(params));
  }

  async update(groupId: string, changes: UpdateGroupBody): Promise<Conversation> {
    return this.put(await this.core.http.groups.update(groupId, changes));
  }

  async setAvatar(groupId: string, uploadId: string): Promise<Conversation> {
    return this.put(await this.core.http.groups.setAvatar(groupId, uploadId));
  }

  async removeAvatar(groupId: string): Promise<Conversation> {
    return this.put(await this.core.http.groups.removeAvatar(groupId));
  }

  /**
   * Pins one of the group's messages as its announcement, or takes it down with `null`
   * (owner or admin). Members see it in the conversation's `announcement`.
   */
  async setAnnouncement(conversationId: string, messageId: string | null): Promise<Conversation> {
    const groups = this.core.http.groups;
    return this.put(
      await (messageId === null
        ? groups.removeAnnouncement(conversationId)
        : groups.setAnnouncement(conversationId, messageId)),
    );
  }

  invite(groupId: string, userIds: string[]): Promise<InviteToGroupResult> {
    return this.core.http.groups.invite(groupId, userIds);
  }

  async acceptInvitation(invitation: Pick<GroupInvitation, 'id' | 'group'>): Promise<Conversation> {
    const conversation = await this.core.http.groups.acceptInvitation(invitation.id);
    this.answered(invitation, true);
    return this.put(conversation);
  }

  async declineInvitation(invitation: Pick<GroupInvitation, 'id' | 'group'>): Promise<void> {
    await this.core.http.groups.declineInvitation(invitation.id);
    this.answered(invitation, false);
  }

  /** Joins an open group at once, or applies to one that asks for approval. */
  async join(groupId: string, note?: string): Promise<JoinGroupResult> {
    const result = await this.core.http.groups.join(groupId, note);
    if (result.status === 'joined') this.put(result.conversation);
    return result;
  }

  async approve(requestId: string): Promise<JoinRequest> {
    return this.decided(await this.core.http.groups.approveJoinRequest(requestId));
  }

  async reject(requestId: string): Promise<JoinRequest> {
    return this.decided(await this.core.http.groups.rejectJoinRequest(requestId));
  }

  async updateMember(groupId: string, userId: string, changes: UpdateGroupMemberBody): Promise<Member> {
    const member = await this.core.http.groups.updateMember(groupId, userId, changes);
    this.core.apply({ event: 'member.updated', data: { conversationId: groupId, member } });
    return member;
  }

  async transfer(groupId: string, userId: string): Promise<Conversation> {
    const conversation = this.put(await this.core.http.groups.transfer(groupId, userId));
    // Two roles changed (mine and theirs): the member list is asked again when held.
    if (this.core.get().members[groupId]) this.core.loadMembers(groupId).catch(() => {});
    return conversation;
  }

  async kick(groupId: string, userId: string): Promise<void> {
    await this.core.http.groups.kick(groupId, userId);
    this.core.apply({
      event: 'member.removed',
      data: { conversationId: groupId, userId, reason: 'removed' },
    });
  }

  async leave(groupId: string): Promise<void> {
    await this.core.http.groups.leave(groupId);
    this.core.update((s) => removeConversation(s, groupId));
  }

  async dissolve(groupId: string): Promise<void> {
    await this.core.http.groups.dissolve(groupId);
    this.core.update((s) => removeConversation(s, groupId));
  }

  private answered({ id, group }: Pick<GroupInvitation, 'id' | 'group'>, accepted: boolean): void {
    this.core.apply({
      event: 'group.invitation.answered',
      data: { invitationId: id, groupId: group.id, accepted },
    });
  }

  private decided(request: JoinRequest): JoinRequest {
    this.core.apply({ event: 'group.join.decided', data: { request } });
    return request;
  }

  private put(conversation: Conversation): Conversation {
    const isNew = !this.core.get().conversations.some((c) => c.id === conversation.id);
    this.core.update((s) => gotIn(putConversation(s, conversation), conversation.id, s.me.id));
    // A group just made or joined shows me its members' presence; its conversation.updated,
    // which asks for it, may come after this answer and then finds the group held already.
    if (isNew) this.core.load('online').catch(() => {});
    return conversation;
  }
}
