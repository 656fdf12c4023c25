import { type PushPayload, excerpt } from '@parley/protocol';
import type { ConversationKind, MessageRow } from '../store/tables.ts';
import type { Recipient } from './audience.ts';

/** How much of a message a push shows: a lock screen's two lines, and well under 4 KB encrypted. */
const bodyMax = 140;

export interface PushContext {
  kind: ConversationKind;
  /** The group's name (empty for a direct conversation). */
  conversationName: string;
  senderName: string;
}

/**
 * What one recipient's device shows: titled with the sender or the group, the sender named as
 * the recipient knows them (their remark for a friend, if any); the text only when the recipient allows previews, and in a group after the
 * sender's name. Without text (previews off, or a photo, voice message or sticker) the service
 * worker says "New message" or "mentioned you" in the device's language.
 */
export function pushPayload(row: MessageRow, context: PushContext, recipient: Recipient): PushPayload {
  const direct = context.kind === 'direct';
  const text = row.body.trim();
  const shown =
    recipient.push_preview === 1 && text !== '' ? excerpt(text.replace(/\s+/g, ' '), bodyMax) : '';
  const senderName = recipient.remark || context.senderName;
  return {
    conversationId: row.conversation_id,
    title: direct ? senderName : context.conversationName,
    ...(shown && { body: direct ? shown : `${senderName}: ${shown}` }),
    tag: row.conversation_id,
    mention: !direct,
  };
}
