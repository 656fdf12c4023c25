import type { Kysely } from 'kysely';
import type { Database, JoinRequestRow } from './tables.ts';

type Db = Kysely<Database>;

export async function insertJoinRequest(db: Db, row: JoinRequestRow): Promise<void> {
  await db.insertInto('join_requests').values(row).execute();
}

export function joinRequestById(db: Db, id: string): Promise<JoinRequestRow | undefined> {
  return db.selectFrom('join_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export function pendingJoinRequest(db: Db, groupId: string, userId: string) {
  return db
    .selectFrom('join_requests')
    .selectAll()
    .where('conversation_id', '=', groupId)
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** A group's pending join requests, oldest first (first come, first served). */
export function pendingJoinRequests(db: Db, groupId: string): Promise<JoinRequestRow[]> {
  return db
    .selectFrom('join_requests')
    .selectAll()
    .where('conversation_id', '=', groupId)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
