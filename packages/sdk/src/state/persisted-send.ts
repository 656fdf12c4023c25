import type { OutboxItem } from './outbox-item.ts';

/**
 * A message the user wrote that the server has not acknowledged, as an app keeps it across
 * page loads (ConversationStore.unsent and restoreUnsent). The clientMsgId is the one the
 * first attempt used: resent after a reload, a send that did land before it is answered with
 * its first ack and stored once (delivery contract point 1).
 */
export interface PersistedSend {
  clientMsgId: string;
  conversationId: string;
  text: string;
  replyToId?: string;
  attachmentId?: string;
  stickerId?: string;
  /** When it was written (ISO 8601); restored sends go out in this order. */
  createdAt: string;
  /**
   * Set when it had failed for good (refused, or the connection closed): it comes back failed,
   * for the user to retry or discard, instead of being sent again on its own.
   */
  failed?: { code: string; message: string };
}

/** What of an item to keep; undefined for one already acknowledged. */
export function persistedOf(item: OutboxItem): PersistedSend | undefined {
  if (item.status === 'sent') return undefined;
  return {
    clientMsgId: item.clientMsgId,
    conversationId: item.conversationId,
    text: item.text,
    ...(item.replyToId !== undefined && { replyToId: item.replyToId }),
    ...(item.attachmentId !== undefined && { attachmentId: item.attachmentId }),
    ...(item.stickerId !== undefined && { stickerId: item.stickerId }),
    createdAt: item.createdAt,
    ...(item.status === 'failed' && {
      failed: { code: item.error?.code ?? 'internal', message: item.error?.message ?? 'failed' },
    }),
  };
}

/** True when `value` can be sent as it is: it comes from storage the app does not fully control. */
export function isPersistedSend(value: unknown): value is PersistedSend {
  const send = value as Partial<PersistedSend> | null;
  const optional = (field: unknown) => field === undefined || typeof field === 'string';
  return (
    typeof send?.clientMsgId === 'string' &&
    typeof send.conversationId === 'string' &&
    typeof send.text === 'string' &&
    typeof send.createdAt === 'string' &&
    !Number.isNaN(Date.parse(send.createdAt)) &&
    optional(send.replyToId) &&
    optional(send.attachmentId) &&
    optional(send.stickerId) &&
    (send.failed === undefined || typeof send.failed?.code === 'string')
  );
}
