import type { ForwardMessageBody, ForwardResult, MessageAck } from '@parley/protocol';
import { v5 as uuidv5 } from 'uuid';
import { accessConversation } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { messageByClientId } from '../../store/messages.ts';
import type { MessageRow } from '../../store/tables.ts';
import { checkCanSend } from './check-can-send.ts';
import { accessMessage, requireLiveText } from './message-access.ts';
import { sendMessage } from './send-message.ts';

/**
 * Copies a message's text into other conversations, each as an ordinary send by the caller.
 * Every target is checked (member, allowed to send) before anything is sent, so a refusal
 * stores nothing. Each copy's clientMsgId is a UUIDv5 of the target's id under the forward's
 * clientMsgId: the same forward retried (after a lost answer, or a failure half way) is
 * answered with the copies already stored and sends only the missing ones.
 */
export async function forwardMessage(
  services: Services,
  actor: Actor,
  messageId: string,
  body: ForwardMessageBody,
): Promise<ForwardResult> {
  const db = services.store.db;
  const me = actor.user.id;
  const targets = body.conversationIds.map((id) => ({ id, clientMsgId: uuidv5(id, body.clientMsgId) }));
  const earlier = await Promise.all(targets.map((t) => messageByClientId(db, me, t.clientMsgId)));
  // All copies stored already: answer them, even if the original was recalled since.
  if (earlier.every((row) => row !== undefined)) {
    return { acks: earlier.map((row, i) => ackFor(row, targets[i]!.id)) };
  }
  const { message } = await accessMessage(db, me, messageId);
  requireLiveText(message, 'forwarded');
  for (const target of targets) {
    const access = await accessConversation(db, me, target.id).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'not_found') {
        throw new AppError('not_found', `no such conversation: ${target.id}`, { field: 'conversationIds' });
      }
      throw err;
    });
    await checkCanSend(services, db, me, access);
  }
  // A media or sticker message's copy shows the same upload or sticker (no second copy of the file).
  const data = message.data
    ? (JSON.parse(message.data) as { attachment?: { id: string }; sticker?: { id: string } })
    : {};
  const attachmentId = data.attachment?.id;
  const stickerId = data.sticker?.id;
  const acks: MessageAck[] = [];
  for (const target of targets) {
    acks.push(
      await sendMessage(
        services,
        actor,
        target.id,
        {
          clientMsgId: target.clientMsgId,
          ...(message.body !== '' && { text: message.body }),
          ...(attachmentId !== undefined && { attachmentId }),
          ...(stickerId !== undefined && { stickerId }),
        },
        { messageId: message.id, senderId: message.sender_id },
      ),
    );
  }
  return { acks };
}

function ackFor(row: MessageRow, conversationId: string): MessageAck {
  if (row.conversation_id !== conversationId) {
    throw new AppError('invalid_request', 'this clientMsgId was used for another conversation', {
      field: 'clientMsgId',
    });
  }
  return {
    id: row.id,
    conversationId,
    seq: row.seq,
    clientMsgId: row.client_msg_id!,
    createdAt: row.created_at,
  };
}
