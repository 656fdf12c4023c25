import type { Kysely } from 'kysely';

/**
 * Step 4, stickers and custom emoji. A `sticker` is a WebP made by the server from an image
 * upload, kept as a blob: in a server pack (`pack_id`; public) or personal (`owner_id`, who
 * made it). `user_stickers` is each user's collection. `message_stickers` says which messages
 * show a sticker: who may fetch a personal one, and that it must stay (no cascade from
 * stickers: a sticker a message shows is never deleted; see actions/stickers/). A personal
 * sticker outlives its maker (owner set null) for the messages that show it.
 * `custom_emoji` are the images `:shortcode:` in text names.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sticker_packs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // 1 for the pack Parley ships (assets/stickers); it cannot be deleted.
    .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('stickers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pack_id', 'text', (c) => c.references('sticker_packs.id').onDelete('cascade'))
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('blob_sha', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('animated', 'integer', (c) => c.notNull().defaultTo(0))
    // A keyword for search, usually one emoji.
    .addColumn('emoji', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stickers_pack').on('stickers').columns(['pack_id']).execute();
  await db.schema.createIndex('stickers_blob').on('stickers').columns(['blob_sha']).execute();
  await db.schema
    .createTable('user_stickers')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('sticker_id', 'text', (c) => c.notNull().references('stickers.id').onDelete('cascade'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_stickers_pk', ['user_id', 'sticker_id'])
    .execute();
  await db.schema.createIndex('user_stickers_sticker').on('user_stickers').columns(['sticker_id']).execute();
  await db.schema
    .createTable('message_stickers')
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('sticker_id', 'text', (c) => c.notNull().references('stickers.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_stickers_pk', ['message_id', 'sticker_id'])
    .execute();
  await db.schema
    .createIndex('message_stickers_sticker')
    .on('message_stickers')
    .columns(['sticker_id', 'conversation_id'])
    .execute();
  await db.schema
    .createTable('custom_emoji')
    .addColumn('shortcode', 'text', (c) => c.primaryKey())
    .addColumn('blob_sha', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('animated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('custom_emoji_blob').on('custom_emoji').columns(['blob_sha']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('custom_emoji').execute();
  await db.schema.dropTable('message_stickers').execute();
  await db.schema.dropTable('user_stickers').execute();
  await db.schema.dropTable('stickers').execute();
  await db.schema.dropTable('sticker_packs').execute();
}
