import type { Kysely } from 'kysely';

/**
 * Step 4, avatars: `avatar` (already there, unused until now) and the new `avatar_small` hold
 * the SHA-256 of the 256 px and 64 px WebP squares made from an uploaded image, for users and
 * for groups. Avatars are public and served by hash (/avatars/<sha>); the indexes let the
 * server check a hash is somebody's avatar before serving it, and let the sweep keep them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['users', 'conversations']) {
    await db.schema.alterTable(table).addColumn('avatar_small', 'text').execute();
    await db.schema.createIndex(`${table}_avatar`).on(table).column('avatar').execute();
    await db.schema.createIndex(`${table}_avatar_small`).on(table).column('avatar_small').execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['users', 'conversations']) {
    await db.schema.dropIndex(`${table}_avatar_small`).execute();
    await db.schema.dropIndex(`${table}_avatar`).execute();
    await db.schema.alterTable(table).dropColumn('avatar_small').execute();
  }
}
