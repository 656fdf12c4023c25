import { z } from 'zod';
import { limits } from '../limits.ts';
import { Id, Timestamp } from './common.ts';

/**
 * Messages: what a client sends, and the acknowledgement it gets. The Message a member
 * receives is in conversations.ts. The delivery contract is in DESIGN.md and PROTOCOL.md.
 */

/** Made by the client (a UUID), kept until acknowledged: a retried send with it is answered, never stored twice. */
export const ClientMsgId = z.uuid();

/**
 * Message text. The schema only bounds it by the frame size; the server refuses past
 * limits.messageTextMax with `too_large`, a refusal the user can act on.
 */
export const MessageText = z
  .string()
  .max(limits.wsFrameMaxBytes)
  // Line breaks and tabs are text; other control characters and lone surrogates are not
  // (PostgreSQL cannot store NUL, and both databases would mangle a lone surrogate).
  .regex(/^(?:[\n\r\t]|[^\p{Cc}\p{Cs}])*$/u, 'no control characters')
  .refine((s) => s.replace(/[\s\u200B-\u200D\u2060\uFEFF]/g, '').length > 0, 'must not be blank');

export const SendMessageBody = z.strictObject({
  clientMsgId: ClientMsgId,
  /** Required unless `attachmentId` is given; then it is the caption (may be left out). Never with `stickerId`. */
  text: MessageText.optional(),
  /** An upload of the sender's (status ready): makes an image, file or voice message. */
  attachmentId: Id.optional(),
  /** A server pack's sticker, or one in the sender's collection: a sticker message (no text, no attachment). */
  stickerId: Id.optional(),
  /** A message of the same conversation this one answers. */
  replyToId: Id.optional(),
});
export type SendMessageBody = z.infer<typeof SendMessageBody>;

/** The acknowledgement: sent only after the message is stored (committed). */
export const MessageAck = z.object({
  id: Id,
  conversationId: Id,
  seq: z.number().int(),
  clientMsgId: z.string(),
  createdAt: Timestamp,
});
export type MessageAck = z.infer<typeof MessageAck>;
