import { type Kysely, sql } from 'kysely';

/**
 * Step 8, who is online. `users.presence_visible_to`: who sees the user's presence besides
 * their friends — 'everyone' (the lobby and groups that show presence) or 'friends' only
 * (Settings.presenceVisibleTo; store/relations.ts presenceAudience).
 *
 * The lobby now shows its members' presence, as the online list of a chat room does: its
 * `show_presence` becomes 1, so it counts like a group that shows presence for everyone who
 * has not chosen 'friends'.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('presence_visible_to', 'text', (c) => c.notNull().defaultTo('everyone'))
    .execute();
  await sql`update conversations set show_presence = 1 where kind = 'lobby'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update conversations set show_presence = 0 where kind = 'lobby'`.execute(db);
  await db.schema.alterTable('users').dropColumn('presence_visible_to').execute();
}
