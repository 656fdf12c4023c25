import { type MessageAck, type SendMessageBody, limits } from '@parley/protocol';
import { accessConversation } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { newId, now } from '../../ids.ts';
import { presentMessage } from '../../presenters/conversations.ts';
import { type Services, transact } from '../../services.ts';
import { isUniqueViolation } from '../../store/errors.ts';
import { memberIds, updateMember } from '../../store/members.ts';
import { appendMessage, messageByClientId, messageById } from '../../store/messages.ts';
import type { Kysely } from 'kysely';
import type { Database, MessageRow } from '../../store/tables.ts';
import { lockConversation } from '../../store/conversations.ts';
import { checkCanSend } from './check-can-send.ts';
import { mentionedMembers } from './mentions.ts';

/**
 * The delivery contract's write (DESIGN.md): in one transaction the conversation's lastSeq is
 * bumped and the message stored under it; the ack is answered and `message.created` published
 * only after the commit. A retried clientMsgId is answered with the first send's ack and
 * stores nothing — also when two retries race (the unique (sender, clientMsgId) index).
 */
export async function sendMessage(
  services: Services,
  actor: Actor,
  conversationId: string,
  body: SendMessageBody,
  /** Set by forwardMessage: where the copy comes from (shown as "forwarded from …"). */
  forwardedFrom?: { messageId: string; senderId: string | null },
): Promise<MessageAck> {
  const me = actor.user.id;
  const db = services.store.db;
  const earlier = await messageByClientId(db, me, body.clientMsgId);
  if (earlier) return ackFor(earlier, body.clientMsgId, conversationId);
  if (body.text.length > limits.messageTextMax) {
    throw new AppError('too_large', `a message holds at most ${limits.messageTextMax} characters`, {
      field: 'text',
    });
  }
  try {
    const row = await transact(services, async (tx, emit) => {
      // The checks run under the conversation's lock, so a kick, mute or block that commits
      // first is seen here, and one that comes later waits for this send.
      await lockConversation(tx, conversationId);
      const access = await accessConversation(tx, me, conversationId);
      await checkCanSend(services, tx, me, access);
      if (body.replyToId !== undefined) await checkReplyTarget(tx, conversationId, body.replyToId);
      const mentions = await mentionedMembers(tx, conversationId, me, body.text);
      const stored = await appendMessage(tx, {
        id: newId(),
        conversation_id: conversationId,
        sender_id: me,
        kind: 'text',
        body: body.text,
        data:
          mentions.length > 0 || forwardedFrom
            ? JSON.stringify({
                ...(mentions.length > 0 && { mentions }),
                ...(forwardedFrom && { forwardedFrom }),
              })
            : null,
        client_msg_id: body.clientMsgId,
        created_at: now(),
        reply_to_id: body.replyToId ?? null,
        edited_at: null,
        recalled_at: null,
        recalled_by: null,
      });
      // What I sent, I have read.
      await updateMember(tx, conversationId, me, { last_read_seq: stored.seq });
      if (mentions.length > 0) {
        await tx
          .insertInto('mentions')
          .values(
            mentions.map((userId) => ({ user_id: userId, conversation_id: conversationId, seq: stored.seq })),
          )
          .execute();
      }
      const replyTo = body.replyToId ? await messageById(tx, body.replyToId) : undefined;
      emit({
        to: { users: await memberIds(tx, conversationId) },
        event: { event: 'message.created', data: presentMessage(stored, { replyTo }) },
      });
      // My other devices clear their badge: at this commit my message is the newest one.
      emit({
        to: { users: [me] },
        event: {
          event: 'read.updated',
          data: { conversationId, readSeq: stored.seq, unreadCount: 0, mentionCount: 0 },
        },
      });
      return stored;
    });
    return ackFor(row, body.clientMsgId, conversationId);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // The same clientMsgId raced in from another connection and won; answer its ack.
    const winner = await messageByClientId(db, me, body.clientMsgId);
    if (!winner) throw err;
    return ackFor(winner, body.clientMsgId, conversationId);
  }
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

async function checkReplyTarget(
  tx: Kysely<Database>,
  conversationId: string,
  replyToId: string,
): Promise<void> {
  const target = await messageById(tx, replyToId);
  if (!target || target.conversation_id !== conversationId) {
    throw new AppError('not_found', 'the message replied to is not in this conversation', {
      field: 'replyToId',
    });
  }
  if (target.recalled_at) throw new AppError('recalled', 'that message was recalled', { field: 'replyToId' });
}
