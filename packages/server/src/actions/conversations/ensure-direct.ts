import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import { newId, now } from '../../ids.ts';
import { presentSharedConversation } from '../../presenters/conversations.ts';
import { directConversation, directKey, insertConversation } from '../../store/conversations.ts';
import { addMember } from '../../store/members.ts';
import type { ConversationRow, Database } from '../../store/tables.ts';

/**
 * The direct conversation between two users, made on first need and reused for ever after
 * (unique direct_key), so friends who part and meet again find their old history. Both hear
 * `conversation.updated` when it is new.
 */
export async function ensureDirectConversation(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  a: string,
  b: string,
): Promise<ConversationRow> {
  const existing = await directConversation(tx, a, b);
  if (existing) return existing;
  const at = now();
  const row: ConversationRow = {
    id: newId(),
    kind: 'direct',
    name: '',
    description: '',
    avatar: null,
    join_policy: 'invite',
    invite_mode: 'accept',
    show_presence: 0,
    direct_key: directKey(a, b),
    owner_id: null,
    member_count: 0,
    last_seq: 0,
    created_at: at,
    updated_at: at,
    dissolved_at: null,
  };
  // Two people opening it at the same moment: the unique direct_key makes one insert fail and
  // its transaction roll back; that caller gets an error and the next try finds the row.
  await insertConversation(tx, row);
  await addMember(tx, row.id, a, 'member', at);
  await addMember(tx, row.id, b, 'member', at);
  const created = { ...row, member_count: 2 };
  emit({
    to: { users: [a, b] },
    event: { event: 'conversation.updated', data: presentSharedConversation(created) },
  });
  return created;
}
