import type { MessageAck } from '@parley/protocol';
import type { ParleyError } from '../errors.ts';

/** What a send carries besides its text. */
export interface SendOptions {
  replyToId?: string;
  attachmentId?: string;
  stickerId?: string;
}

/**
 * - `queued`: waiting its turn, or for the connection to open again.
 * - `sending`: sent; the ack has not come yet.
 * - `sent`: acknowledged (stored); shown until the conversation's history holds it.
 * - `failed`: refused for good (not a member, muted, too large, …) or the connection closed.
 */
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** A message the user sent, as it shows before (and just after) the server stored it. */
export interface OutboxItem {
  readonly clientMsgId: string;
  readonly conversationId: string;
  /** '' for an attachment without a caption, or a sticker. */
  readonly text: string;
  readonly replyToId?: string;
  /** A finished upload (http.uploads.start): an image, file or voice message. */
  readonly attachmentId?: string;
  /** A sticker of a pack or of the user's collection; sent alone. */
  readonly stickerId?: string;
  /**
   * When the user wrote it (ISO 8601), kept across reloads (see PersistedSend); strictly
   * increasing within one store, so it orders even sends written in the same millisecond.
   */
  readonly createdAt: string;
  status: OutboxStatus;
  /** How many times it went out; above 1 means it was retried with the same clientMsgId. */
  attempts: number;
  ack?: MessageAck;
  error?: ParleyError;
  /** The acknowledgement, or the refusal that failed it. */
  readonly acked: Promise<MessageAck>;
}

export interface OutboxDeps {
  /** Sends one `message.send` frame; rejects with a ParleyError. */
  send(item: OutboxItem): Promise<MessageAck>;
  isOpen(): boolean;
  /** An item changed (queued, sent, acked, failed, …). */
  changed(item: OutboxItem): void;
  /** How long an ack may take before the same send goes out again. */
  ackTimeoutMs: number;
}
