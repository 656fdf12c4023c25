import { z } from 'zod';
import { limits } from '../limits.ts';
import { Id } from './common.ts';
import { Message, ReactionSummary } from './conversations.ts';
import { ClientMsgId, MessageAck, MessageText } from './messages.ts';

/**
 * Edit, recall, reactions, forwarding and typing (step 3). Edits and recalls reach members as
 * `message.updated` with the whole Message; reactions as `reaction.changed`; typing is
 * ephemeral and never stored. See PROTOCOL.md, "Message operations".
 */

export const EditMessageBody = z.strictObject({ text: MessageText });
export type EditMessageBody = z.infer<typeof EditMessageBody>;

export const ForwardMessageBody = z.strictObject({
  /** Made by the client for this forward; a retry with it stores nothing twice. */
  clientMsgId: ClientMsgId,
  conversationIds: z
    .array(Id)
    .min(1)
    .max(limits.forwardTargetsMax)
    .refine((ids) => new Set(ids).size === ids.length, 'each conversation only once'),
});
export type ForwardMessageBody = z.infer<typeof ForwardMessageBody>;

/** One ack per target conversation, in the order the targets were given. */
export const ForwardResult = z.object({ acks: z.array(MessageAck) });
export type ForwardResult = z.infer<typeof ForwardResult>;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const pictographic = /\p{Extended_Pictographic}/u;
const flag = /^\p{Regional_Indicator}{2}$/u;
const keycap = /^[0-9#*]\uFE0F?\u20E3$/u;

/**
 * True for exactly one emoji as users see it: one grapheme that is pictographic (with any
 * skin tone, ZWJ sequence or tag flag), a regional-indicator flag, or a keycap.
 */
export function isSingleEmoji(text: string): boolean {
  const parts = [...graphemes.segment(text)];
  if (parts.length !== 1) return false;
  return pictographic.test(text) || flag.test(text) || keycap.test(text);
}

/** A reaction: one emoji, in the URL path (percent-encoded). */
export const ReactionEmoji = z
  .string()
  .min(1)
  .max(32)
  .refine(isSingleEmoji, 'must be a single emoji')
  .describe('One emoji (skin tones, ZWJ sequences, flags and keycaps included), percent-encoded.');

/** A message's reactions after a change: the answer to PUT/DELETE and the `reaction.changed` event. */
export const ReactionChanged = z.object({
  conversationId: Id,
  messageId: Id,
  reactions: z.array(ReactionSummary),
  /** The message's rev after the change (unchanged when a repeated PUT or DELETE changed nothing). */
  rev: z.number().int(),
});
export type ReactionChanged = z.infer<typeof ReactionChanged>;

/**
 * The messages of a conversation changed after `sinceRev` (edited, recalled, reactions), each
 * once and as it is now, by rev ascending. Page on with `sinceRev` = the last message's rev
 * while `hasMore`; then the client holds every change up to `lastRev`. New messages are not
 * in it unless they changed too: they come from history by seq.
 */
export const MessageChanges = z.object({
  messages: z.array(Message),
  /** The conversation's lastRev read before the page. */
  lastRev: z.number().int(),
  hasMore: z.boolean(),
});
export type MessageChanges = z.infer<typeof MessageChanges>;

/** How many messages one `POST /messages/hide` takes. */
export const hideMessagesMax = 100;

/** Delete for me: messages of conversations I am in, gone from my own view only (PROTOCOL.md). */
export const HideMessagesBody = z.strictObject({
  messageIds: z
    .array(Id)
    .min(1)
    .max(hideMessagesMax)
    .refine((ids) => new Set(ids).size === ids.length, 'each message only once'),
});
export type HideMessagesBody = z.infer<typeof HideMessagesBody>;

/** `message.hidden`, to every session of the user who hid them: one event per conversation. */
export const MessagesHidden = z.object({ conversationId: Id, messageIds: z.array(Id) });
export type MessagesHidden = z.infer<typeof MessagesHidden>;

export const Typing = z.object({ conversationId: Id, userId: Id });

export const messageOperationEvents = {
  /** A message was edited or recalled; `data` is the whole Message as it is now. */
  'message.updated': Message,
  'reaction.changed': ReactionChanged,
  /** I deleted these messages for me (on any of my devices): drop them from view. */
  'message.hidden': MessagesHidden,
  /** Someone else in the conversation is typing (at most one per user, conversation and typingIntervalMs). */
  typing: Typing,
} as const;
