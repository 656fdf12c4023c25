import { type Kysely, sql } from 'kysely';
import type { Database, FriendRequestRow, MessageRow, UploadRow } from './tables.ts';

type Db = Kysely<Database>;

// The queries behind "Delete my account" (actions/accounts/delete-account.ts).

/** Ids of the live groups (and the lobby) the user is a member of, sorted so locks are taken in one order. */
export async function groupIdsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('members')
    .innerJoin('conversations', 'conversations.id', 'members.conversation_id')
    .select('conversations.id')
    .where('members.user_id', '=', userId)
    .where('conversations.kind', 'in', ['group', 'lobby'])
    .where('conversations.dissolved_at', 'is', null)
    .orderBy('conversations.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Who takes a group over from a departing owner: the longest-standing admin, else member. */
export async function successorIn(db: Db, groupId: string, leaving: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('members')
    .select('user_id')
    .where('conversation_id', '=', groupId)
    .where('user_id', '!=', leaving)
    .orderBy(sql`case when role = 'admin' then 0 else 1 end`)
    .orderBy('joined_at')
    .orderBy('user_id')
    .limit(1)
    .executeTakeFirst();
  return row?.user_id;
}

/** Cancels the user's pending invitations and join requests; returns the invitations cancelled. */
export async function cancelPendingAsksOf(
  db: Db,
  userId: string,
  at: string,
): Promise<{ id: string; conversation_id: string }[]> {
  const invitations = await db
    .updateTable('group_invitations')
    .set({ status: 'cancelled', decided_at: at })
    .where('invitee_id', '=', userId)
    .where('status', '=', 'pending')
    .returning(['id', 'conversation_id'])
    .execute();
  await db
    .updateTable('join_requests')
    .set({ status: 'cancelled', decided_at: at })
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .execute();
  return invitations;
}

/** Cancels every open friend request from or to the user; returns them as they were. */
export async function cancelFriendRequestsOf(
  db: Db,
  userId: string,
  at: string,
): Promise<FriendRequestRow[]> {
  const open = await db
    .selectFrom('friend_requests')
    .selectAll()
    .where((eb) => eb.or([eb('from_id', '=', userId), eb('to_id', '=', userId)]))
    .where('status', 'in', ['pending', 'ignored'])
    .execute();
  if (open.length > 0)
    await db
      .updateTable('friend_requests')
      .set({ status: 'cancelled', decided_at: at })
      .where(
        'id',
        'in',
        open.map((r) => r.id),
      )
      .execute();
  return open;
}

/** Ids of the user's friends. */
export async function friendIdsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('friendships').select('friend_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.friend_id);
}

/** What is the user's alone and means nothing once they are gone: blocks either way, push, collections, hidden messages. */
export async function deletePersonalRows(db: Db, userId: string): Promise<void> {
  await db
    .deleteFrom('blocks')
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('blocked_id', '=', userId)]))
    .execute();
  await db.deleteFrom('push_subscriptions').where('user_id', '=', userId).execute();
  await db.deleteFrom('user_stickers').where('user_id', '=', userId).execute();
  await db.deleteFrom('hidden_messages').where('user_id', '=', userId).execute();
}

/** Deletes every session of the user; returns their ids. */
export async function deleteSessionsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.deleteFrom('sessions').where('user_id', '=', userId).returning('id').execute();
  return rows.map((r) => r.id);
}

export function uploadsOf(db: Db, userId: string): Promise<Pick<UploadRow, 'id' | 'status'>[]> {
  return db.selectFrom('uploads').select(['id', 'status']).where('owner_id', '=', userId).execute();
}

/** The messages that show any of these uploads, locked (lockMessage's no-op update), oldest first. */
export function lockMessagesShowing(db: Db, uploadIds: string[]): Promise<MessageRow[]> {
  if (uploadIds.length === 0) return Promise.resolve([]);
  return db
    .updateTable('messages')
    .set((eb) => ({ recalled_at: eb.ref('recalled_at') }))
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('message_uploads')
          .select('upload_id')
          .whereRef('message_uploads.message_id', '=', 'messages.id')
          .where('message_uploads.upload_id', 'in', uploadIds),
      ),
    )
    .returningAll()
    .execute();
}

/** A message keeps its text but no longer shows an attachment: a text message now. */
export async function dropAttachment(db: Db, row: MessageRow): Promise<MessageRow> {
  await db.deleteFrom('message_uploads').where('message_id', '=', row.id).execute();
  const data = row.data ? (JSON.parse(row.data) as Record<string, unknown>) : {};
  delete data.attachment;
  return db
    .updateTable('messages')
    .set({ kind: 'text', data: Object.keys(data).length > 0 ? JSON.stringify(data) : null })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteUploadsOf(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('uploads').where('owner_id', '=', userId).execute();
}

/**
 * Empties the account's row and marks it deleted: the username is freed (replaced by one no
 * registration can take — `~` is not allowed in usernames), the password hash is one that
 * never verifies (auth/passwords.ts rejects a malformed hash), profile and avatar go.
 */
export async function eraseUser(db: Db, userId: string, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set({
      username: `~deleted.${userId}`,
      display_name: '',
      bio: '',
      avatar: null,
      avatar_small: null,
      password_hash: 'deleted',
      last_seen_at: null,
      updated_at: at,
      deleted_at: at,
    })
    .where('id', '=', userId)
    .execute();
}
