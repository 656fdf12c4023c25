import type { SystemNotice } from '@parley/protocol';
import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import { newId, now } from '../../ids.ts';
import { presentMessage } from '../../presenters/conversations.ts';
import { memberIds } from '../../store/members.ts';
import { appendMessage } from '../../store/messages.ts';
import type { Database, MessageRow } from '../../store/tables.ts';

/**
 * Writes a system notice ("Carol joined") into a conversation through the same path as every
 * message — next seq, same table — and queues `message.created` for its members as they are
 * after the change (so a removed member does not hear of it, and a new one does).
 * `alsoTell` adds people who are no longer members but should see the notice (the removed one).
 */
export async function postNotice(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  conversationId: string,
  notice: SystemNotice,
  alsoTell: string[] = [],
): Promise<MessageRow> {
  const row = await appendMessage(tx, {
    id: newId(),
    conversation_id: conversationId,
    sender_id: null,
    kind: 'system',
    body: '',
    data: JSON.stringify(notice),
    client_msg_id: null,
    created_at: now(),
    reply_to_id: null,
    edited_at: null,
    recalled_at: null,
    recalled_by: null,
  });
  const audience = [...new Set([...(await memberIds(tx, conversationId)), ...alsoTell])];
  emit({ to: { users: audience }, event: { event: 'message.created', data: presentMessage(row) } });
  return row;
}
