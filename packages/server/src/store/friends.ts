import type { Kysely } from 'kysely';
import { directKey } from './conversations.ts';
import { bumpPairAccessRev } from './members.ts';
import type { Database, FriendRequestRow, FriendshipRow, UserRow } from './tables.ts';

type Db = Kysely<Database>;

/**
 * A friend request's stored status. `ignored` is a request to someone who has blocked its
 * sender: its sender sees it as pending, its recipient never sees it at all.
 */
export type FriendRequestState = FriendRequestRow['status'];
export type FriendRequestRecord = FriendRequestRow;

/** Statuses of a request that is still open in its sender's eyes. */
const open: FriendRequestState[] = ['pending', 'ignored'];

// ---- friendships (two rows per pair, one per direction, each with its owner's remark) ----

export function friendshipOf(db: Db, userId: string, friendId: string): Promise<FriendshipRow | undefined> {
  return db
    .selectFrom('friendships')
    .selectAll()
    .where('user_id', '=', userId)
    .where('friend_id', '=', friendId)
    .executeTakeFirst();
}

/** Both directions; a pair that is already friends (a race of two accepts) is left as it is. */
export async function insertFriendship(db: Db, a: string, b: string, at: string): Promise<void> {
  await db
    .insertInto('friendships')
    .values([
      { user_id: a, friend_id: b, remark: null, created_at: at },
      { user_id: b, friend_id: a, remark: null, created_at: at },
    ])
    .onConflict((oc) => oc.columns(['user_id', 'friend_id']).doNothing())
    .execute();
  await bumpPairAccessRev(db, a, b);
}

/** Removes both directions; false when they were not friends. */
export async function deleteFriendship(db: Db, a: string, b: string): Promise<boolean> {
  const result = await db
    .deleteFrom('friendships')
    .where((eb) =>
      eb.or([
        eb.and([eb('user_id', '=', a), eb('friend_id', '=', b)]),
        eb.and([eb('user_id', '=', b), eb('friend_id', '=', a)]),
      ]),
    )
    .executeTakeFirst();
  if (result.numDeletedRows > 0n) await bumpPairAccessRev(db, a, b);
  return result.numDeletedRows > 0n;
}

export async function setRemark(db: Db, userId: string, friendId: string, remark: string | null) {
  await db
    .updateTable('friendships')
    .set({ remark })
    .where('user_id', '=', userId)
    .where('friend_id', '=', friendId)
    .execute();
}

/** The user's friendships with the friends' rows. */
export async function friendshipsOf(db: Db, userId: string) {
  const rows = await db
    .selectFrom('friendships')
    .innerJoin('users', 'users.id', 'friendships.friend_id')
    .selectAll('users')
    .select(['friendships.remark as f_remark', 'friendships.created_at as f_since'])
    .where('friendships.user_id', '=', userId)
    .execute();
  return rows.map(({ f_remark, f_since, ...user }) => ({
    friendship: { user_id: userId, friend_id: user.id, remark: f_remark, created_at: f_since },
    user: user as UserRow,
  }));
}

/** For each friend id, the id of the user's direct conversation with them (one query). */
export async function directConversationIds(db: Db, userId: string, friendIds: string[]) {
  if (friendIds.length === 0) return new Map<string, string>();
  const byKey = new Map(friendIds.map((id) => [directKey(userId, id), id]));
  const rows = await db
    .selectFrom('conversations')
    .select(['id', 'direct_key'])
    .where('direct_key', 'in', [...byKey.keys()])
    .execute();
  return new Map(rows.map((r) => [byKey.get(r.direct_key!)!, r.id]));
}

// ---- friend requests ----

export async function insertFriendRequest(db: Db, row: FriendRequestRecord): Promise<void> {
  await db.insertInto('friend_requests').values(row).execute();
}

export function friendRequestById(db: Db, id: string): Promise<FriendRequestRecord | undefined> {
  return db.selectFrom('friend_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Moves a request on only from one of the `from` statuses, in one statement, so two devices
 * answering at once cannot both win. False when it had been handled already.
 */
export async function decideRequest(
  db: Db,
  id: string,
  from: FriendRequestState[],
  to: FriendRequestState,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('friend_requests')
    .set({ status: to, decided_at: at })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Open requests from `from` to `to`, newest first. */
export function openRequestsFrom(db: Db, from: string, to: string): Promise<FriendRequestRecord[]> {
  return db
    .selectFrom('friend_requests')
    .selectAll()
    .where('from_id', '=', from)
    .where('to_id', '=', to)
    .where('status', 'in', open)
    .execute();
}

/** The user's incoming (pending only) or outgoing (pending or ignored) requests, newest first. */
export function requestsOf(db: Db, userId: string, side: 'incoming' | 'outgoing') {
  return db
    .selectFrom('friend_requests')
    .selectAll()
    .where(side === 'incoming' ? 'to_id' : 'from_id', '=', userId)
    .where('status', 'in', side === 'incoming' ? ['pending'] : open)
    .orderBy('created_at', 'desc')
    .execute() as Promise<FriendRequestRecord[]>;
}

export async function countOutgoingOpen(db: Db, userId: string): Promise<number> {
  const { n } = await db
    .selectFrom('friend_requests')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('from_id', '=', userId)
    .where('status', 'in', open)
    .executeTakeFirstOrThrow();
  return Number(n);
}
