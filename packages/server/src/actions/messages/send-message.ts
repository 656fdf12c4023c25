import { type MessageAck, type SendMessageBody, limits } from '@parley/protocol';
import type { Caller } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { isUniqueViolation } from '../../store/errors.ts';
import { messageByClientId } from '../../store/messages.ts';
import type { MessageRow } from '../../store/tables.ts';

/**
 * The delivery contract's write (DESIGN.md): in one transaction the conversation's lastSeq is
 * bumped and the message stored under it — with whatever other sends are waiting, as one
 * group commit (send-batcher.ts, commit-sends.ts); the ack is answered and `message.created`
 * published only after the commit. A retried clientMsgId is answered with the first send's
 * ack and stores nothing — also when two retries race (the unique (sender, clientMsgId) index).
 * The send is queued before this returns, with no await before it: sends made one after
 * another (a socket's frames) are stored in that order.
 */
export function sendMessage(
  services: Services,
  actor: Caller,
  conversationId: string,
  body: SendMessageBody,
  /** Set by forwardMessage: where the copy comes from (shown as "forwarded from …"). */
  forwardedFrom?: { messageId: string; senderId: string | null },
): Promise<MessageAck> {
  const me = actor.user.id;
  if (body.text === undefined && body.attachmentId === undefined && body.stickerId === undefined) {
    const empty = 'a message needs text, an attachment, or both, or a sticker';
    return Promise.reject(new AppError('invalid_request', empty, { field: 'text' }));
  }
  if (body.stickerId !== undefined && (body.text !== undefined || body.attachmentId !== undefined)) {
    const alone = 'a sticker is sent alone: no text, no attachment';
    return Promise.reject(new AppError('invalid_request', alone, { field: 'stickerId' }));
  }
  if (body.text !== undefined && body.text.length > limits.messageTextMax) {
    const tooLarge = `a message holds at most ${limits.messageTextMax} characters`;
    return Promise.reject(new AppError('too_large', tooLarge, { field: 'text' }));
  }
  return services.sends.submit({ senderId: me, conversationId, body, forwardedFrom }).then(
    (row) => ackFor(row, body.clientMsgId, conversationId),
    async (err: unknown) => {
      if (!isUniqueViolation(err)) throw err;
      // The same clientMsgId raced in through another node and won; answer its ack.
      const winner = await messageByClientId(services.store.db, me, body.clientMsgId);
      if (!winner) throw err;
      return ackFor(winner, body.clientMsgId, conversationId);
    },
  );
}

function ackFor(row: MessageRow, clientMsgId: string, conversationId: string): MessageAck {
  if (row.conversation_id !== conversationId) {
    throw new AppError('invalid_request', 'this clientMsgId was used for another conversation', {
      field: 'clientMsgId',
    });
  }
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    clientMsgId,
    createdAt: row.created_at,
  };
}
