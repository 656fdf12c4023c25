import type { Kysely } from 'kysely';
import type { Database } from './tables.ts';

type Db = Kysely<Database>;

/** Adds one person's emoji to a message; false when it was there already. */
export async function insertReaction(
  db: Db,
  messageId: string,
  userId: string,
  emoji: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .insertInto('reactions')
    .values({ message_id: messageId, user_id: userId, emoji, created_at: at })
    .onConflict((oc) => oc.columns(['message_id', 'user_id', 'emoji']).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** Takes one person's emoji off a message; false when it was not there. */
export async function deleteReaction(
  db: Db,
  messageId: string,
  userId: string,
  emoji: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('reactions')
    .where('message_id', '=', messageId)
    .where('user_id', '=', userId)
    .where('emoji', '=', emoji)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The distinct emoji on a message. */
export async function distinctEmoji(db: Db, messageId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('reactions')
    .select('emoji')
    .distinct()
    .where('message_id', '=', messageId)
    .execute();
  return rows.map((r) => r.emoji);
}
