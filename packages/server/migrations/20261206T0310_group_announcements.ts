import type { Kysely } from 'kysely';

/**
 * Step 8, group announcements: one message of a group pinned by an owner or admin
 * (PROTOCOL.md, Announcements). The sender and the text's excerpt are kept beside the id so
 * every presenter of a conversation row shows it without another query; editing the message
 * rewrites the excerpt, recalling it clears all five.
 */
const columns = [
  'announcement_message_id',
  'announcement_sender_id',
  'announcement_text',
  'announcement_pinned_by',
  'announcement_pinned_at',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of columns)
    await db.schema.alterTable('conversations').addColumn(column, 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of [...columns].reverse())
    await db.schema.alterTable('conversations').dropColumn(column).execute();
}
