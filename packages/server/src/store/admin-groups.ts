import type { Kysely } from 'kysely';
import { containsText } from './like.ts';
import type { ConversationRow, Database } from './tables.ts';

type Db = Kysely<Database>;

export type AdminGroupRow = ConversationRow & { last_message_at: string | null };

/**
 * Every live group for the admin console, whatever its join policy (invite-only ones too;
 * never the lobby, a direct conversation or a dissolved group), whose name contains `text`,
 * by name then id after the keyset position, each with its newest message's time (the one at
 * last_seq, found by the (conversation_id, seq) key).
 */
export function adminGroupsPage(
  db: Db,
  text: string | undefined,
  limit: number,
  after?: { name: string; id: string },
): Promise<AdminGroupRow[]> {
  let query = db
    .selectFrom('conversations')
    .selectAll('conversations')
    .select((eb) =>
      eb
        .selectFrom('messages')
        .select('messages.created_at')
        .whereRef('messages.conversation_id', '=', 'conversations.id')
        .whereRef('messages.seq', '=', 'conversations.last_seq')
        .as('last_message_at'),
    )
    .where('conversations.kind', '=', 'group')
    .where('conversations.dissolved_at', 'is', null);
  if (text) query = query.where(containsText('conversations.name', text));
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('conversations.name', '>', after.name),
        eb.and([eb('conversations.name', '=', after.name), eb('conversations.id', '>', after.id)]),
      ]),
    );
  return query.orderBy('conversations.name').orderBy('conversations.id').limit(limit).execute();
}
