import type { HideMessagesBody } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { hideMessagesFor } from '../../store/hidden-messages.ts';

/**
 * Delete for me: the messages leave the caller's own view — history, changes, search, the
 * list's preview — on every device, and nobody else's (PROTOCOL.md, Delete for me). All or
 * nothing: one message that is not in a conversation the caller is in (or does not exist)
 * refuses the whole request as not found, so ids cannot be probed. Hiding one already hidden
 * is fine. Every session of the caller hears `message.hidden`, one event per conversation.
 */
export async function hideMessages(services: Services, actor: Actor, body: HideMessagesBody): Promise<void> {
  const me = actor.user.id;
  await transact(services, async (tx, emit) => {
    const rows = await tx
      .selectFrom('messages')
      .innerJoin('members', (j) =>
        j.onRef('members.conversation_id', '=', 'messages.conversation_id').on('members.user_id', '=', me),
      )
      .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
      .select(['messages.id', 'messages.conversation_id'])
      .where('messages.id', 'in', body.messageIds)
      .where('conversations.dissolved_at', 'is', null)
      .execute();
    if (rows.length !== body.messageIds.length)
      throw new AppError('not_found', 'no such message', { field: 'messageIds' });
    await hideMessagesFor(tx, me, rows, now());
    const byConversation = new Map<string, string[]>();
    // In the order asked, so the event lists them as the client sent them.
    const where = new Map(rows.map((r) => [r.id, r.conversation_id]));
    for (const id of body.messageIds) {
      const conversationId = where.get(id)!;
      byConversation.set(conversationId, [...(byConversation.get(conversationId) ?? []), id]);
    }
    for (const [conversationId, messageIds] of byConversation)
      emit({ to: { users: [me] }, event: { event: 'message.hidden', data: { conversationId, messageIds } } });
  });
}
