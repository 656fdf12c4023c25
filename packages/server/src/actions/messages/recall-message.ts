import type { Message } from '@parley/protocol';
import type { ConversationAccess } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { followAnnouncement } from '../groups/follow-announcement.ts';
import { markRecalled, markRevised } from '../../store/message-updates.ts';
import type { MessageRow } from '../../store/tables.ts';
import { sweepMedia } from '../uploads/sweep-media.ts';
import { announceCounts } from '../read/announce-counts.ts';
import { announceUpdate } from './announce-update.ts';
import { accessMessage } from './message-access.ts';

/**
 * Withdraws a message for everyone. The content leaves the server, not just the screen: body
 * and data are emptied (so search forgets it), its mentions and reactions deleted; what stays
 * is a tombstone — who recalled it and when — in its place in the history, so seqs keep no
 * gaps. Replies that quoted it then show `replyTo.recalled` with no text.
 * A muted member may still recall: taking words back is not saying something new.
 */
export async function recallMessage(services: Services, actor: Actor, messageId: string): Promise<Message> {
  const me = actor.user.id;
  let attachmentId: string | undefined;
  const recalled = await transact(services, async (tx, emit) => {
    const access = await accessMessage(tx, me, messageId, { lock: true });
    const { message } = access;
    if (message.kind === 'system') throw new AppError('forbidden', 'system notices cannot be recalled');
    if (message.recalled_at) throw new AppError('recalled', 'that message was recalled already');
    checkMayRecall(services, me, message, access);
    attachmentId = message.data
      ? (JSON.parse(message.data) as { attachment?: { id: string } }).attachment?.id
      : undefined;
    const recalled = await markRecalled(tx, message, me, now());
    const revised = await markRevised(tx, recalled);
    const updated = await announceUpdate(tx, emit, revised);
    // A recalled message's content is gone: it stops being the group's announcement.
    await followAnnouncement(tx, emit, revised);
    // A tombstone is nothing to read: it leaves the unread (and mention) counts of those who
    // had not read it. The sender never counted it.
    if (message.sender_id)
      await announceCounts(tx, emit, message.conversation_id, message.seq, { except: message.sender_id });
    return updated;
  });
  // The upload's file goes too once no other message (a forwarded copy) shows it.
  if (attachmentId) await sweepMedia(services, { only: attachmentId });
  return recalled;
}

/**
 * The sender, within PARLEY_RECALL_WINDOW_SECONDS of sending; a group's (or the lobby's)
 * owner or admins, any message at any time — moderation. In a direct conversation nobody but
 * the sender, since there is nobody to moderate it.
 */
function checkMayRecall(
  services: Services,
  me: string,
  message: MessageRow,
  { conversation, member }: ConversationAccess,
): void {
  const mine = message.sender_id === me;
  const age = Date.now() - Date.parse(message.created_at);
  if (mine && age <= services.config.recallWindowSeconds * 1000) return;
  if (conversation.kind !== 'direct' && member.role !== 'member') return;
  if (mine) {
    throw new AppError(
      'recall_expired',
      `messages can be recalled within ${services.config.recallWindowSeconds} seconds of sending`,
    );
  }
  throw new AppError('forbidden', 'only the sender or a group admin can recall this message');
}
