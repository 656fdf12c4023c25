import { type Conversation, announcementExcerptMax, excerpt } from '@parley/protocol';
import { accessGroup } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { type AnnouncementColumns, noAnnouncement } from '../../store/announcements.ts';
import { updateConversation } from '../../store/conversations.ts';
import { lockMessage } from '../../store/message-updates.ts';
import { memberIds } from '../../store/members.ts';
import { showConversation } from '../conversations/show-conversation.ts';
import { announceGroup } from './announce-group.ts';

/**
 * The owner or an admin pins one of the group's messages as its announcement, or takes it
 * down (`messageId` null); members hear `conversation.updated` (PROTOCOL.md, Announcements).
 * Only a live message of this group: another group's (or an unknown) id is not found, a
 * recalled one is `recalled`, a system notice `forbidden`. The lobby has none. Pinning the
 * message already pinned, or taking down none, changes nothing and tells nobody.
 * The message is locked before the conversation is written, the order edit and recall take,
 * so a recall racing the pin either comes first (and the pin is refused) or clears it after.
 */
export async function setAnnouncement(
  services: Services,
  actor: Actor,
  groupId: string,
  messageId: string | null,
): Promise<Conversation> {
  const me = actor.user.id;
  await transact(services, async (tx, emit) => {
    const { conversation: group, member } = await accessGroup(tx, me, groupId, 'member');
    if (group.kind === 'lobby') throw new AppError('forbidden', 'the lobby has no announcement');
    if (member.role === 'member') throw new AppError('forbidden', 'only the owner or an admin can do that');
    let next: AnnouncementColumns = noAnnouncement;
    if (messageId !== null) {
      const message = await lockMessage(tx, messageId);
      if (!message || message.conversation_id !== groupId)
        throw new AppError('not_found', 'no such message in this group', { field: 'messageId' });
      if (message.kind === 'system')
        throw new AppError('forbidden', 'system notices cannot be pinned', { field: 'messageId' });
      if (message.recalled_at)
        throw new AppError('recalled', 'that message was recalled', { field: 'messageId' });
      if (group.announcement_message_id === messageId) return;
      next = {
        announcement_message_id: message.id,
        announcement_sender_id: message.sender_id,
        announcement_text: excerpt(message.body, announcementExcerptMax),
        announcement_pinned_by: me,
        announcement_pinned_at: now(),
      };
    } else if (group.announcement_message_id === null) return;
    await updateConversation(tx, groupId, { ...next, updated_at: now() });
    await announceGroup(tx, emit, groupId, await memberIds(tx, groupId));
  });
  // As the caller's list shows it, like the answer of PATCH /groups/{id}.
  return showConversation(services, actor, groupId);
}
