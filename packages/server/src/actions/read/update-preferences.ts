import type { Conversation } from '@parley/protocol';
import { accessConversation } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { updateMember } from '../../store/members.ts';
import { showConversation } from '../conversations/show-conversation.ts';

export interface PreferenceChanges {
  pinned?: boolean;
  notificationsMuted?: boolean;
}

/**
 * Pins or unpins, mutes or unmutes notifications of one of the caller's conversations: their
 * own settings, which nobody else sees. Pinning what is pinned keeps its place (pinnedAt
 * stays). When something changed, every socket of the caller hears
 * `conversation.member_updated` after commit. Answers the conversation as the list shows it.
 */
export async function updatePreferences(
  services: Services,
  actor: Actor,
  conversationId: string,
  changes: PreferenceChanges,
): Promise<Conversation> {
  const me = actor.user.id;
  await transact(services, async (tx, emit) => {
    const { member } = await accessConversation(tx, me, conversationId);
    let pinnedAt = member.pinned_at;
    if (changes.pinned !== undefined) pinnedAt = changes.pinned ? (pinnedAt ?? now()) : null;
    const muted = changes.notificationsMuted ?? member.notifications_muted === 1;
    if (pinnedAt === member.pinned_at && muted === (member.notifications_muted === 1)) return;
    await updateMember(tx, conversationId, me, { pinned_at: pinnedAt, notifications_muted: muted ? 1 : 0 });
    emit({
      to: { users: [me] },
      event: {
        event: 'conversation.member_updated',
        data: { conversationId, pinned: pinnedAt !== null, pinnedAt, notificationsMuted: muted },
      },
    });
  });
  return showConversation(services, actor, conversationId);
}
