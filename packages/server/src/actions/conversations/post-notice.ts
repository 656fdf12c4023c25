import type { SystemNotice } from '@parley/protocol';
import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import { newId, now } from '../../ids.ts';
import { presentMessage } from '../../presenters/conversations.ts';
import { memberIds } from '../../store/members.ts';
import { LOBBY_ID } from './ensure-lobby.ts';
import { appendMessage } from '../../store/messages.ts';
import type { Database, MessageRow } from '../../store/tables.ts';

/**
 * Writes a system notice ("Carol joined") into a conversation through the same path as every
 * message — next seq, same table — and queues `message.created` for its members as they are
 * after the change (so a removed member does not hear of it, and a new one does).
 * `alsoTell` adds people who are no longer members but should see the notice (the removed one).
 * The lobby's join and leave notices, which come with every sign-up, do not move it up the
 * chat list nor become its preview (PROTOCOL.md, The lobby; lastMessagesOf).
 */
export async function postNotice(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  conversationId: string,
  notice: SystemNotice,
  alsoTell: string[] = [],
): Promise<MessageRow> {
  const quiet =
    conversationId === LOBBY_ID && (notice.type === 'member.joined' || notice.type === 'member.left');
  const row = await appendMessage(
    tx,
    {
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
    },
    !quiet,
  );
  const audience = [...new Set([...(await memberIds(tx, conversationId)), ...alsoTell])];
  emit({ to: { users: audience }, event: { event: 'message.created', data: presentMessage(row) } });
  return row;
}
