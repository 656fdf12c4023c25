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

/**
 * Records that a stored message changed (edited, recalled, a reaction put or taken): bumps the
 * conversation's last_rev and stamps the message with it, returning the row as it is now. Call
 * inside the change's transaction, after the message's lock (lockMessage): the bump takes the
 * conversation row's write lock until commit, as appendMessage does for last_seq, so revs of a
 * conversation commit in order and a client that saw rev N has seen every change up to N
 * (DESIGN.md, delivery contract point 5). Always message lock first, then conversation: no
 * action holds a conversation's lock while waiting for a stored message's, so no deadlock.
 */
export async function markRevised(db: Db, row: MessageRow): Promise<MessageRow> {
  const { last_rev } = await db
    .updateTable('conversations')
    .set((eb) => ({ last_rev: eb('last_rev', '+', 1) }))
    .where('id', '=', row.conversation_id)
    .returning('last_rev')
    .executeTakeFirstOrThrow();
  return db
    .updateTable('messages')
    .set({ rev: Number(last_rev) })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
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
 * it out of the search index), with its mentions and reactions. A server admin's removal
 * (actions/admin/remove-message.ts) leaves one fact in data, `{"recalledByServerAdmin":true}`,
 * so the tombstone says who took it down (Message.recalledByServerAdmin).
 */
export async function markRecalled(
  db: Db,
  row: MessageRow,
  by: string,
  at: string,
  { byServerAdmin = false }: { byServerAdmin?: boolean } = {},
): Promise<MessageRow> {
  await replaceMentions(db, row.conversation_id, row.seq, []);
  await db.deleteFrom('reactions').where('message_id', '=', row.id).execute();
  // Its attachment goes with the content: nobody may fetch it through this message any more,
  // and once no message shows the upload, actions/uploads/sweep-media.ts removes it and its file.
  await db.deleteFrom('message_uploads').where('message_id', '=', row.id).execute();
  await db.deleteFrom('message_stickers').where('message_id', '=', row.id).execute();
  return db
    .updateTable('messages')
    .set({
      body: '',
      data: byServerAdmin ? JSON.stringify({ recalledByServerAdmin: true }) : null,
      recalled_at: at,
      recalled_by: by,
    })
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
