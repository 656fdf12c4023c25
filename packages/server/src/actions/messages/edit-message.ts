import { type EditMessageBody, type Message, limits } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { presentMessage } from '../../presenters/conversations.ts';
import { type Services, transact } from '../../services.ts';
import { followAnnouncement } from '../groups/follow-announcement.ts';
import { extrasFor } from '../../store/message-extras.ts';
import { markRevised, replaceMentions, updateMessageText } from '../../store/message-updates.ts';
import { announceCounts } from '../read/announce-counts.ts';
import { announceUpdate } from './announce-update.ts';
import { checkCanSend } from './check-can-send.ts';
import { accessMessage, requireLiveText } from './message-access.ts';
import { mentionedMembers } from './mentions.ts';

/**
 * The sender rewrites a text message. The text follows the rules of sending, and so does the
 * sender: a muted member, or one whose direct messages are refused, cannot edit either — an
 * edit puts new words in front of the others just like a send. Mentions are worked out again
 * from the new text (data and mentions rows). Under the message's lock, so an edit racing a
 * recall either lands before it (and is emptied with it) or is refused as `recalled`.
 * Sending the same text again changes nothing and announces nothing.
 */
export async function editMessage(
  services: Services,
  actor: Actor,
  messageId: string,
  body: EditMessageBody,
): Promise<Message> {
  const me = actor.user.id;
  if (body.text.length > limits.messageTextMax) {
    throw new AppError('too_large', `a message holds at most ${limits.messageTextMax} characters`, {
      field: 'text',
    });
  }
  return transact(services, async (tx, emit) => {
    const access = await accessMessage(tx, me, messageId, { lock: true });
    const { message } = access;
    if (message.sender_id !== me) throw new AppError('forbidden', 'only the sender can edit a message');
    requireLiveText(message, 'edited');
    if (message.kind === 'sticker') throw new AppError('forbidden', 'a sticker has no text to edit');
    await checkCanSend(services, tx, me, access);
    if (message.body === body.text) {
      return presentMessage(message, (await extrasFor(tx, [message])).get(message.id));
    }
    const mentions = await mentionedMembers(tx, message.conversation_id, me, body.text);
    const edited = await updateMessageText(tx, message.id, {
      body: body.text,
      data: withMentions(message.data, mentions),
      edited_at: now(),
    });
    await replaceMentions(tx, message.conversation_id, message.seq, mentions);
    const revised = await markRevised(tx, edited);
    const updated = await announceUpdate(tx, emit, revised);
    await followAnnouncement(tx, emit, revised);
    // Whom it mentions now and no more, or not before: their mention counts moved.
    const before = mentionsIn(message.data);
    const changed = [
      ...mentions.filter((id) => !before.includes(id)),
      ...before.filter((id) => !mentions.includes(id)),
    ];
    await announceCounts(tx, emit, message.conversation_id, message.seq, { userIds: changed });
    return updated;
  });
}

/** Whom the message's data says it mentions. */
function mentionsIn(data: string | null): string[] {
  return ((data ? JSON.parse(data) : {}) as { mentions?: string[] }).mentions ?? [];
}

/** The message's data with its mentions replaced; other facts it may carry are kept. */
function withMentions(data: string | null, mentions: string[]): string | null {
  const { mentions: _old, ...rest } = (data ? JSON.parse(data) : {}) as Record<string, unknown>;
  const next = mentions.length > 0 ? { ...rest, mentions } : rest;
  return Object.keys(next).length > 0 ? JSON.stringify(next) : null;
}
