import { type Kysely, sql } from 'kysely';
import type { Database, UploadRow, UploadsTable } from './tables.ts';

type Db = Kysely<Database>;

export async function insertUpload(db: Db, row: UploadRow): Promise<void> {
  await db.insertInto('uploads').values(row).execute();
}

export function uploadById(db: Db, id: string): Promise<UploadRow | undefined> {
  return db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateUpload(
  db: Db,
  id: string,
  changes: Partial<Omit<UploadsTable, 'id' | 'owner_id' | 'created_at'>>,
): Promise<UploadRow | undefined> {
  return db.updateTable('uploads').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteUpload(db: Db, id: string): Promise<void> {
  await db.deleteFrom('uploads').where('id', '=', id).execute();
}

/** Bytes the user's uploads take, finished or still coming (at their declared size). */
export async function bytesUsedBy(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('uploads')
    .select(sql<string | number>`coalesce(sum(size), 0)`.as('used'))
    .where('owner_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.used);
}

/** Records a stored blob (once: the same bytes uploaded again share the row). */
export async function insertBlob(db: Db, sha256: string, size: number, at: string): Promise<void> {
  await db
    .insertInto('blobs')
    .values({ sha256, size, created_at: at })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

/**
 * May `userId` fetch the upload? Its owner may; anyone else only while a message that shows
 * it (not recalled: recalling removes the link) is in a conversation they are a member of.
 */
export async function maySeeUpload(db: Db, userId: string, upload: UploadRow): Promise<boolean> {
  if (upload.owner_id === userId) return true;
  const row = await db
    .selectFrom('message_uploads')
    .innerJoin('members', 'members.conversation_id', 'message_uploads.conversation_id')
    .select('message_uploads.message_id')
    .where('message_uploads.upload_id', '=', upload.id)
    .where('members.user_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
