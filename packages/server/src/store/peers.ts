import type { Kysely } from 'kysely';
import type { Database, UserRow } from './tables.ts';

/** For each direct conversation id, the other person in it (one query for the whole list). */
export async function peersOf(
  db: Kysely<Database>,
  userId: string,
  conversationIds: string[],
): Promise<Map<string, UserRow>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .selectAll('users')
    .select('members.conversation_id as c_id')
    .where('members.conversation_id', 'in', conversationIds)
    .where('members.user_id', '!=', userId)
    .execute();
  return new Map(rows.map(({ c_id, ...user }) => [c_id, user]));
}
