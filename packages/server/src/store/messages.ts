import type { Kysely } from 'kysely';
import { notHiddenBy } from './hidden-messages.ts';
import { preparedList } from './prepared.ts';
import type { Database, MessageRow } from './tables.ts';

type Db = Kysely<Database>;

/** Every column of a message row, so that a batch insert prepared once leaves none out. */
const messageColumns = [
  'id',
  'conversation_id',
  'seq',
  'rev',
  'sender_id',
  'kind',
  'body',
  'data',
  'client_msg_id',
  'created_at',
  'reply_to_id',
  'edited_at',
  'recalled_at',
  'recalled_by',
] as const satisfies readonly (keyof MessageRow)[];
// A column added to messages fails to compile here until it is listed above.
true satisfies Exclude<keyof MessageRow, (typeof messageColumns)[number]> extends never ? true : never;

/** Inserts a batch of whole message rows in one statement, prepared once per batch length. */
export async function insertMessages(db: Db, rows: readonly MessageRow[]): Promise<void> {
  if (rows.length > 0) await inserting(db, rows);
}

const inserting = preparedList(messageColumns, (db: Db, rows: readonly MessageRow[]) =>
  db.insertInto('messages').values([...rows]),
);

/**
 * The messages already stored under these (sender, clientMsgId) pairs, in one statement
 * prepared once per batch length (idempotent sends).
 */
export function messagesByClientIds(
  db: Db,
  sends: readonly { senderId: string; clientMsgId: string }[],
): Promise<MessageRow[]> {
  return sends.length === 0 ? Promise.resolve([]) : byClientIds(db, sends);
}

const byClientIds = preparedList(
  ['senderId', 'clientMsgId'],
  (db: Db, sends: readonly { senderId: string; clientMsgId: string }[]) =>
    db
      .selectFrom('messages')
      .selectAll()
      .where((eb) =>
        eb.or(
          sends.map((s) =>
            eb.and([eb('sender_id', '=', s.senderId), eb('client_msg_id', '=', s.clientMsgId)]),
          ),
        ),
      ),
);

/**
 * Stores a message under the conversation's next seq. Call inside the action's transaction:
 * the bump and the insert commit together or not at all, so seqs have no gaps and no twins
 * (DESIGN.md, delivery contract point 2). The update takes the conversation row's write lock
 * on PostgreSQL, which orders concurrent senders. `stamp: false` leaves the conversation's
 * updated_at (its place in lists) where it was: for the lobby's join and leave notices.
 */
export async function appendMessage(
  db: Db,
  message: Omit<MessageRow, 'seq' | 'rev'>,
  stamp = true,
): Promise<MessageRow> {
  const { last_seq } = await db
    .updateTable('conversations')
    .set((eb) => ({
      last_seq: eb('last_seq', '+', 1),
      ...(stamp ? { updated_at: message.created_at } : {}),
    }))
    .where('id', '=', message.conversation_id)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  const row: MessageRow = { ...message, seq: Number(last_seq), rev: 0 };
  await db.insertInto('messages').values(row).execute();
  return row;
}

/**
 * Up to `limit` messages before `beforeSeq` (or the newest), oldest first; as `viewer` sees
 * them (without those they hid) when named.
 */
export async function pageBefore(
  db: Db,
  conversationId: string,
  beforeSeq: number | undefined,
  limit: number,
  viewer?: string,
): Promise<MessageRow[]> {
  let query = db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId);
  if (viewer !== undefined) query = query.where(notHiddenBy(viewer));
  if (beforeSeq !== undefined) query = query.where('seq', '<', beforeSeq);
  const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
  return rows.reverse();
}

export function messageById(db: Db, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The message a sender already sent with this clientMsgId, if any (idempotent sends). */
export function messageByClientId(
  db: Db,
  senderId: string,
  clientMsgId: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('sender_id', '=', senderId)
    .where('client_msg_id', '=', clientMsgId)
    .executeTakeFirst();
}

/** Up to `limit` messages after `afterSeq`, oldest first (filling a gap, catching up); `viewer` as in pageBefore. */
export function pageAfter(
  db: Db,
  conversationId: string,
  afterSeq: number,
  limit: number,
  viewer?: string,
): Promise<MessageRow[]> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', afterSeq)
    .$if(viewer !== undefined, (q) => q.where(notHiddenBy(viewer!)))
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/**
 * Up to `limit` messages whose latest change came after `sinceRev`, by rev ascending: what a
 * client that was away missed of the messages it holds. Each message once, as it is now; revs
 * are unique in a conversation (one bump per change), so paging on by the last rev is stable.
 * Without what `viewer` hid, when named.
 */
export function changedSince(
  db: Db,
  conversationId: string,
  sinceRev: number,
  limit: number,
  viewer?: string,
): Promise<MessageRow[]> {
  return (
    db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      // Said outright so the partial index messages_changed (rev > 0) is used.
      .where('rev', '>', 0)
      .where('rev', '>', sinceRev)
      .$if(viewer !== undefined, (q) => q.where(notHiddenBy(viewer!)))
      .orderBy('rev')
      .limit(limit)
      .execute()
  );
}
