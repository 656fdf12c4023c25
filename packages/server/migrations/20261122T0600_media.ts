import type { Kysely } from 'kysely';

/**
 * Step 4, media. `blobs` are stored files, named by the SHA-256 of their bytes, so the same
 * bytes are kept once (media/blob-store.ts). An `upload` is one user's upload: it counts
 * against their quota and points at the blob of the (re-encoded) file and of its thumbnail.
 * `message_uploads` says which messages show an upload: who may fetch it, and when it may go
 * (when no message shows it any more, a sweep removes the upload and then unused blobs).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // image | file | voice
    .addColumn('kind', 'text', (c) => c.notNull())
    // uploading (bytes still coming, counted at its declared size) | ready
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('blob_sha', 'text', (c) => c.references('blobs.sha256'))
    .addColumn('thumb_sha', 'text', (c) => c.references('blobs.sha256'))
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('duration_ms', 'integer')
    .addColumn('animated', 'integer', (c) => c.notNull().defaultTo(0))
    // 1 once a message has shown it: with no message left, it is swept at once, not after a day.
    .addColumn('sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('uploads_owner').on('uploads').columns(['owner_id']).execute();
  await db.schema.createIndex('uploads_blob').on('uploads').columns(['blob_sha']).execute();
  await db.schema.createIndex('uploads_thumb').on('uploads').columns(['thumb_sha']).execute();
  await db.schema
    .createTable('message_uploads')
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('upload_id', 'text', (c) => c.notNull().references('uploads.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_uploads_pk', ['message_id', 'upload_id'])
    .execute();
  await db.schema
    .createIndex('message_uploads_upload')
    .on('message_uploads')
    .columns(['upload_id', 'conversation_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('message_uploads').execute();
  await db.schema.dropTable('uploads').execute();
  await db.schema.dropTable('blobs').execute();
}
