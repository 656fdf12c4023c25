import type { Kysely } from 'kysely';

/**
 * Step 8, Web Push (src/push/, PROTOCOL.md "Push notifications").
 *
 * `push_subscriptions`: where a device's push service wants this server's pushes. One per
 * session (a browser has one subscription per site), removed with the session by the
 * cascade: whatever ends a session (log out, revoke, password change, idle expiry, a login
 * elsewhere) also stops its pushes, so a device signed out never shows the old account's
 * messages. The endpoint is unique too: a browser that signs in as someone else hands the same
 * endpoint over, and only the newest session keeps it.
 *
 * `push_vapid_keys`: the server's VAPID key pair when the database is PostgreSQL, where several
 * nodes must sign with the same key (the browser accepts pushes only from the key it subscribed
 * with) and have no data folder in common. One row; with SQLite it stays empty and the keys
 * live in the data folder (push/vapid-keys.ts).
 *
 * `users.push_preview`: 1 shows message text in pushes (Settings.pushPreview).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('push_subscriptions')
    .addColumn('session_id', 'text', (c) => c.primaryKey().references('sessions.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('endpoint', 'text', (c) => c.notNull().unique())
    .addColumn('p256dh', 'text', (c) => c.notNull())
    .addColumn('auth', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('push_subscriptions_user').on('push_subscriptions').column('user_id').execute();
  await db.schema
    .createTable('push_vapid_keys')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('push_preview', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('push_preview').execute();
  await db.schema.dropTable('push_vapid_keys').execute();
  await db.schema.dropTable('push_subscriptions').execute();
}
