import type { Kysely } from 'kysely';
import type { Database } from '../../store/tables.ts';

const MENTION = /(?:^|[^\w@.])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,30}[A-Za-z0-9_])?)/g;

/** The members of the conversation that `@username`s in the text name (not the sender). */
export async function mentionedMembers(
  db: Kysely<Database>,
  conversationId: string,
  senderId: string,
  text: string,
): Promise<string[]> {
  const names = [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!.toLowerCase()))].slice(0, 50);
  if (names.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .innerJoin('members', 'members.user_id', 'users.id')
    .select('users.id')
    .where('members.conversation_id', '=', conversationId)
    .where('users.username', 'in', names)
    .where('users.id', '!=', senderId)
    .execute();
  return rows.map((r) => r.id);
}
