import { type Kysely, sql } from 'kysely';
import { directKey } from './conversations.ts';
import { preparedList } from './prepared.ts';
import type { Database, MemberRole, MemberRow, UserRow } from './tables.ts';

type Db = Kysely<Database>;

/** Adds a member and counts them; the caller checks they were not one already. */
export async function addMember(
  db: Db,
  conversationId: string,
  userId: string,
  role: MemberRole,
  at: string,
): Promise<MemberRow> {
  // Counting the newcomer also reads where the conversation stands: they start with nothing
  // unread — the history from before they came is there to read, not a pile of unread.
  const { last_seq } = await db
    .updateTable('conversations')
    .set({ member_count: sql`member_count + 1`, access_rev: sql`access_rev + 1` })
    .where('id', '=', conversationId)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  const row: MemberRow = {
    conversation_id: conversationId,
    user_id: userId,
    role,
    joined_at: at,
    muted_until: null,
    last_read_seq: Number(last_seq),
    pinned_at: null,
    notifications_muted: 0,
  };
  await db.insertInto('members').values(row).execute();
  return row;
}

/** Removes a member; false when they were not one. */
export async function removeMember(db: Db, conversationId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('members')
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n) return false;
  await db
    .updateTable('conversations')
    .set({ member_count: sql`member_count - 1`, access_rev: sql`access_rev + 1` })
    .where('id', '=', conversationId)
    .execute();
  return true;
}

export function membership(db: Db, conversationId: string, userId: string): Promise<MemberRow | undefined> {
  return db
    .selectFrom('members')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function memberIds(db: Db, conversationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('members')
    .select('user_id')
    .where('conversation_id', '=', conversationId)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Ids of the owner and admins: who hears about join applications. */
export async function managerIds(db: Db, conversationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('members')
    .select('user_id')
    .where('conversation_id', '=', conversationId)
    .where('role', 'in', ['owner', 'admin'])
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * Sets the read cursors of several (conversation, member) pairs in one statement — a batch of
 * sends moves each sender's cursor to their newest message (what I sent, I have read).
 */
export async function setReadCursors(
  db: Db,
  cursors: readonly { conversationId: string; userId: string; seq: number }[],
): Promise<void> {
  if (cursors.length > 0) await settingCursors(db, cursors);
}

type Cursor = { conversationId: string; userId: string; seq: number };

const settingCursors = preparedList(
  ['conversationId', 'userId', 'seq'],
  (db: Db, cursors: readonly Cursor[]) => {
    const whens = sql.join(
      cursors.map(
        (c) =>
          sql`when conversation_id = ${c.conversationId} and user_id = ${c.userId} then cast(${c.seq} as integer)`,
      ),
      sql` `,
    );
    const pairs = sql.join(cursors.map((c) => sql`(${c.conversationId}, ${c.userId})`));
    return db
      .updateTable('members')
      .set({ last_read_seq: sql<number>`case ${whens} else last_read_seq end` })
      .where(sql<boolean>`(conversation_id, user_id) in (values ${pairs})`);
  },
);

export async function updateMember(
  db: Db,
  conversationId: string,
  userId: string,
  changes: Partial<
    Pick<MemberRow, 'role' | 'muted_until' | 'last_read_seq' | 'pinned_at' | 'notifications_muted'>
  >,
): Promise<void> {
  await db
    .updateTable('members')
    .set(changes)
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .execute();
  // A role or a mute decides what the member may do: cached send rights must be read again.
  if (changes.role !== undefined || changes.muted_until !== undefined) {
    await bumpAccessRev(db, conversationId);
  }
}

/** Marks the conversation's cached members and rights stale (access/member-cache.ts). */
export async function bumpAccessRev(db: Db, conversationId: string): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ access_rev: sql`access_rev + 1` })
    .where('id', '=', conversationId)
    .execute();
}

/** The same, for the direct conversation of a pair whose block or friendship changed (if any). */
export async function bumpPairAccessRev(db: Db, a: string, b: string): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ access_rev: sql`access_rev + 1` })
    .where('direct_key', '=', directKey(a, b))
    .execute();
}

export interface MemberWithUser {
  member: MemberRow;
  user: UserRow;
}

/** Members with their users, owner first, then admins, then by join time. */
export async function membersWithUsers(db: Db, conversationId: string): Promise<MemberWithUser[]> {
  const rows = await db
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .selectAll('users')
    .select([
      'members.role as m_role',
      'members.joined_at as m_joined_at',
      'members.muted_until as m_muted_until',
      'members.last_read_seq as m_last_read_seq',
      'members.pinned_at as m_pinned_at',
      'members.notifications_muted as m_notifications_muted',
    ])
    .where('members.conversation_id', '=', conversationId)
    .orderBy(sql`case members.role when 'owner' then 0 when 'admin' then 1 else 2 end`)
    .orderBy('members.joined_at')
    .execute();
  return rows.map(
    ({
      m_role,
      m_joined_at,
      m_muted_until,
      m_last_read_seq,
      m_pinned_at,
      m_notifications_muted,
      ...user
    }) => ({
      user,
      member: {
        conversation_id: conversationId,
        user_id: user.id,
        role: m_role,
        joined_at: m_joined_at,
        muted_until: m_muted_until,
        last_read_seq: m_last_read_seq,
        pinned_at: m_pinned_at,
        notifications_muted: m_notifications_muted,
      },
    }),
  );
}

/**
 * The users among `userIds` who are members of `conversationId`. Asked in chunks: an online
 * list of a big lobby can name more users than one statement may bind.
 */
export async function membersAmong(
  db: Db,
  conversationId: string,
  userIds: readonly string[],
): Promise<UserRow[]> {
  const found: UserRow[] = [];
  for (let i = 0; i < userIds.length; i += 5000) {
    const chunk = userIds.slice(i, i + 5000);
    const rows = await db
      .selectFrom('members')
      .innerJoin('users', 'users.id', 'members.user_id')
      .selectAll('users')
      .where('members.conversation_id', '=', conversationId)
      .where('members.user_id', 'in', chunk)
      .execute();
    found.push(...rows);
  }
  return found;
}
