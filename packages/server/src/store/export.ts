import type { Kysely } from 'kysely';
import type { ConversationRow, Database, MessageRow, UploadRow } from './tables.ts';

type Db = Kysely<Database>;

// The reads behind "Export my data" (actions/export/): which conversations a user is or was
// in, where their stints there began and ended, the history in pages, and their own files.

export interface Membership {
  conversation: ConversationRow;
  /** When the current stint began; null when the user is no longer a member. */
  joinedAt: string | null;
}

/** Conversations `userId` is a member of now, dissolved groups included. */
export async function currentMemberships(db: Db, userId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom('members')
    .innerJoin('conversations', 'conversations.id', 'members.conversation_id')
    .selectAll('conversations')
    .select('members.joined_at as my_joined_at')
    .where('members.user_id', '=', userId)
    .orderBy('conversations.created_at')
    .execute();
  return rows.map(({ my_joined_at, ...conversation }) => ({ conversation, joinedAt: my_joined_at }));
}

export function conversationsByIds(db: Db, ids: string[]): Promise<ConversationRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('conversations').selectAll().where('id', 'in', ids).orderBy('created_at').execute();
}

/**
 * The system notices that name `userId` (as actor or among userIds), oldest first: the
 * joins, additions, leaves and removals that bound each stint in a conversation, also in
 * those the user has since left (members rows go when one leaves). Ids are UUIDs, so the
 * quoted id matches only that id. It reads every notice once: an export is rare.
 */
export function noticesNaming(
  db: Db,
  userId: string,
): Promise<Pick<MessageRow, 'conversation_id' | 'seq' | 'data'>[]> {
  return db
    .selectFrom('messages')
    .select(['conversation_id', 'seq', 'data'])
    .where('kind', '=', 'system')
    .where('data', 'like', `%"${userId}"%`)
    .orderBy('conversation_id')
    .orderBy('seq')
    .execute();
}

/** The seq of the first message at or after `at` in a conversation, if any. */
export async function firstSeqSince(db: Db, conversationId: string, at: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('messages')
    .select('seq')
    .where('conversation_id', '=', conversationId)
    .where('created_at', '>=', at)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.seq) : undefined;
}

/** Up to `limit` messages of a conversation with seq ≥ `fromSeq`, by seq. */
export function messagesFrom(
  db: Db,
  conversationId: string,
  fromSeq: number,
  limit: number,
): Promise<MessageRow[]> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('seq', '>=', fromSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** The user's finished uploads, oldest first (the bytes are the blob named blob_sha). */
export function finishedUploadsOf(db: Db, userId: string): Promise<UploadRow[]> {
  return db
    .selectFrom('uploads')
    .selectAll()
    .where('owner_id', '=', userId)
    .where('status', '=', 'ready')
    .where('blob_sha', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
