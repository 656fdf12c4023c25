import { type ReadState as ReadStateEvent, unreadCountMax } from '@parley/protocol';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { preparedList } from './prepared.ts';
import type { Database, MessageRow, UserRow } from './tables.ts';

type Db = Kysely<Database>;

/** A member's badges in one conversation, with whose they are. */
export type ReadState = ReadStateEvent & { userId: string };

/**
 * The caller's conversations (or the one named) with their own membership and badges, pinned
 * first (latest pinned on top), then latest activity first: ONE query whatever the number of
 * conversations. The counts are correlated subqueries that walk indexes, not tables: unread
 * walks messages' unique (conversation_id, seq) from the cursor and stops at unreadCountMax;
 * mentions walk the mentions primary key (user_id, conversation_id, seq).
 */
export function conversationsWithReadState(db: Db, userId: string, onlyId?: string) {
  return db
    .selectFrom('members')
    .innerJoin('conversations', 'conversations.id', 'members.conversation_id')
    .selectAll('conversations')
    .select((eb) => [
      'members.role as my_role',
      'members.muted_until as my_muted_until',
      'members.last_read_seq as my_read_seq',
      'members.pinned_at as my_pinned_at',
      'members.notifications_muted as my_notifications_muted',
      // Not mine, not a system notice (their sender_id is null, which `<>` never matches), and
      // not recalled (a tombstone is nothing to read).
      sql<number | string>`(select count(*) from (select 1 from messages
        where messages.conversation_id = members.conversation_id
        and messages.seq > members.last_read_seq and messages.sender_id <> ${userId}
        and messages.recalled_at is null
        limit ${sql.lit(unreadCountMax)}) as unread)`.as('unread_count'),
      eb
        .selectFrom('mentions')
        .select((m) => m.fn.countAll<number | string>().as('n'))
        .where('mentions.user_id', '=', userId)
        .whereRef('mentions.conversation_id', '=', 'members.conversation_id')
        .whereRef('mentions.seq', '>', 'members.last_read_seq')
        .as('mention_count'),
    ])
    .where('members.user_id', '=', userId)
    .where('conversations.dissolved_at', 'is', null)
    .$if(onlyId !== undefined, (q) => q.where('members.conversation_id', '=', onlyId!))
    .orderBy(sql`case when members.pinned_at is null then 1 else 0 end`)
    .orderBy('members.pinned_at', 'desc')
    .orderBy('conversations.updated_at', 'desc')
    .orderBy('conversations.id', 'desc')
    .execute();
}

export type ConversationWithReadState = Awaited<ReturnType<typeof conversationsWithReadState>>[number];

/**
 * What a list preview passes over, as SQL over `m` (a message) and `c` (its conversation):
 * the lobby's join and leave notices, which arrive with every sign-up and would otherwise
 * hide what people say there (PROTOCOL.md, The lobby). A notice's `data` is JSON.stringify
 * of its facts, without spaces, so its type reads as this exact text.
 */
function previewable(eb: ExpressionBuilder<PreviewScope, 'm' | 'c'>) {
  return eb.or([
    eb('c.kind', '<>', 'lobby'),
    eb('m.kind', '<>', 'system'),
    eb.and([
      eb('m.data', 'not like', '%"type":"member.joined"%'),
      eb('m.data', 'not like', '%"type":"member.left"%'),
    ]),
  ]);
}

type PreviewScope = Omit<Database, 'messages' | 'conversations'> & {
  m: Database['messages'];
  c: Database['conversations'];
};

/**
 * The newest message of each conversation named that `userId`'s list shows (one query): its
 * preview. Usually the message at last_seq; never one they hid (delete for me); in the lobby
 * the newest that is not a join or leave notice (none when there is only those). The correlated subquery walks the unique
 * (conversation_id, seq) index downwards and stops at the first message that qualifies.
 */
export async function lastMessagesOf(
  db: Db,
  userId: string,
  conversationIds: string[],
): Promise<Map<string, MessageRow>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('messages.id', 'in', (eb) =>
      eb
        .selectFrom('conversations as c')
        .select((c) =>
          c
            .selectFrom('messages as m')
            .select('m.id')
            .whereRef('m.conversation_id', '=', 'c.id')
            .where(previewable)
            .where((h) =>
              h.not(
                h.exists(
                  h
                    .selectFrom('hidden_messages as h')
                    .select(sql.lit(1).as('one'))
                    .where('h.user_id', '=', userId)
                    .whereRef('h.message_id', '=', 'm.id'),
                ),
              ),
            )
            .orderBy('m.seq', 'desc')
            .limit(1)
            .as('last_id'),
        )
        .where('c.id', 'in', conversationIds),
    )
    .execute();
  return new Map(rows.map((r) => [r.conversation_id, r]));
}

export interface DirectPeer {
  user: UserRow;
  readSeq: number;
}

/** For each direct conversation named, the other person and their read cursor (one query). */
export async function directPeersOf(
  db: Db,
  userId: string,
  conversationIds: string[],
): Promise<Map<string, DirectPeer>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .selectAll('users')
    .select(['members.conversation_id as c_id', 'members.last_read_seq as c_read_seq'])
    .where('members.conversation_id', 'in', conversationIds)
    .where('members.user_id', '!=', userId)
    .execute();
  return new Map(rows.map(({ c_id, c_read_seq, ...user }) => [c_id, { user, readSeq: c_read_seq }]));
}

/**
 * Moves the cursors of several members to `seq`, forward only: newcomers start having read
 * where the conversation stands, the notices of their own arrival included.
 */
export async function moveReadCursors(
  db: Db,
  conversationId: string,
  userIds: string[],
  seq: number,
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .updateTable('members')
    .set({ last_read_seq: seq })
    .where('conversation_id', '=', conversationId)
    .where('user_id', 'in', userIds)
    .where('last_read_seq', '<', seq)
    .execute();
}

/**
 * The read state of the members of one conversation who had not read past `seq` (of
 * `userIds`, or of everyone but `except`), in ONE query with the same counts as
 * conversationsWithReadState: what an edit or a recall of the message at `seq` may change.
 */
export async function readStatesBefore(
  db: Db,
  conversationId: string,
  seq: number,
  who: { userIds: readonly string[] } | { except: string },
): Promise<ReadState[]> {
  if ('userIds' in who && who.userIds.length === 0) return [];
  const rows = await db
    .selectFrom('members')
    .select((eb) => [
      'members.user_id',
      'members.last_read_seq',
      sql<number | string>`(select count(*) from (select 1 from messages
        where messages.conversation_id = members.conversation_id
        and messages.seq > members.last_read_seq and messages.sender_id <> members.user_id
        and messages.recalled_at is null
        limit ${sql.lit(unreadCountMax)}) as unread)`.as('unread_count'),
      eb
        .selectFrom('mentions')
        .select((m) => m.fn.countAll<number | string>().as('n'))
        .whereRef('mentions.user_id', '=', 'members.user_id')
        .whereRef('mentions.conversation_id', '=', 'members.conversation_id')
        .whereRef('mentions.seq', '>', 'members.last_read_seq')
        .as('mention_count'),
    ])
    .where('members.conversation_id', '=', conversationId)
    .where('members.last_read_seq', '<', seq)
    .$if('userIds' in who, (q) => q.where('members.user_id', 'in', (who as { userIds: string[] }).userIds))
    .$if('except' in who, (q) => q.where('members.user_id', '<>', (who as { except: string }).except))
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    conversationId,
    readSeq: r.last_read_seq,
    unreadCount: Number(r.unread_count),
    mentionCount: Number(r.mention_count ?? 0),
  }));
}

/**
 * Moves a member's read cursor forward to `seq`, never back: the condition is in the update
 * itself, so two reads racing from two devices end at the larger seq whatever their order.
 */
export async function moveReadCursor(
  db: Db,
  conversationId: string,
  userId: string,
  seq: number,
): Promise<boolean> {
  const result = await db
    .updateTable('members')
    .set({ last_read_seq: seq })
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .where('last_read_seq', '<', seq)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Whether the user shows (and sees) read receipts: read fresh, a socket's copy may be old. */
export async function readReceiptsOn(db: Db, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('read_receipts')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.read_receipts === 1;
}

/** Which of the users named show (and see) read receipts, in one query. */
export async function showingReadReceipts(db: Db, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await showing(
    db,
    userIds.map((id) => ({ id })),
  );
  return new Set(rows.map((r) => r.id));
}

const showing = preparedList(['id'], (db: Db, users: readonly { id: string }[]) =>
  db
    .selectFrom('users')
    .select('id')
    .where(
      'id',
      'in',
      users.map((u) => u.id),
    )
    .where('read_receipts', '=', 1),
);

export async function setReadReceipts(db: Db, userId: string, on: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ read_receipts: on ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
}

/**
 * Who has read a message: members other than its sender whose cursor reached it and who show
 * receipts. Members who joined after it was sent start with a cursor past it without having
 * read it, so they are left out.
 */
export function readersOf(db: Db, message: MessageRow): Promise<UserRow[]> {
  return db
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .selectAll('users')
    .where('members.conversation_id', '=', message.conversation_id)
    .where('members.last_read_seq', '>=', message.seq)
    .where('members.joined_at', '<=', message.created_at)
    .where('users.read_receipts', '=', 1)
    .$if(message.sender_id !== null, (q) => q.where('users.id', '!=', message.sender_id!))
    .orderBy('users.username')
    .execute();
}

/** The message at `seq` in a conversation, if there is one. */
export function messageAtSeq(db: Db, conversationId: string, seq: number): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('seq', '=', seq)
    .executeTakeFirst();
}
