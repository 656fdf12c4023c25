import type { Kysely } from 'kysely';
import type { Database, MessageRow } from './tables.ts';

type Db = Kysely<Database>;

/**
 * Takes the message row's write lock until the transaction ends and returns the row as it is
 * then (a no-op update, like lockGroup: SQLite has no `select … for update`). An edit, a
 * recall and a reaction on one message take turns, so none of them acts on what another
 * just changed — a reaction cannot land on a message recalled a moment before, an edit
 * cannot write text back into a tombstone. On SQLite transactions never overlap anyway.
 */
export function lockMessage(db: Db, id: string): Promise<MessageRow | undefined> {
  return db
    .updateTable('messages')
    .set((eb) => ({ recalled_at: eb.ref('recalled_at') }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** New text, its mentions data, and when it was edited. */
export function updateMessageText(
  db: Db,
  id: string,
  change: Pick<MessageRow, 'body' | 'data' | 'edited_at'>,
): Promise<MessageRow> {
  return db.updateTable('messages').set(change).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/**
 * Turns a message into a tombstone: its content goes (body and data emptied, which also takes
 * it out of the search index), with its mentions and reactions.
 */
export async function markRecalled(db: Db, row: MessageRow, by: string, at: string): Promise<MessageRow> {
  await replaceMentions(db, row.conversation_id, row.seq, []);
  await db.deleteFrom('reactions').where('message_id', '=', row.id).execute();
  return db
    .updateTable('messages')
    .set({ body: '', data: null, recalled_at: at, recalled_by: by })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The mentions rows of one message (by its seq) become exactly `userIds`. */
export async function replaceMentions(
  db: Db,
  conversationId: string,
  seq: number,
  userIds: string[],
): Promise<void> {
  await db
    .deleteFrom('mentions')
    .where('conversation_id', '=', conversationId)
    .where('seq', '=', seq)
    .execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('mentions')
    .values(userIds.map((userId) => ({ user_id: userId, conversation_id: conversationId, seq })))
    .execute();
}
