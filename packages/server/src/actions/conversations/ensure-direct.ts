import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import { newId, now } from '../../ids.ts';
import { presentSharedConversation } from '../../presenters/conversations.ts';
import {
  directConversation,
  directKey,
  insertConversation,
  newConversationRow,
} from '../../store/conversations.ts';
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
  const row = newConversationRow({
    id: newId(),
    kind: 'direct',
    direct_key: directKey(a, b),
    created_at: at,
  });
  // Two people opening it at the same moment: the unique direct_key makes one insert fail and
  // its transaction roll back; callers run with transact's retryOnConflict, and the retry
  // finds the row.
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
