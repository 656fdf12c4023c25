import type { Kysely } from 'kysely';

/**
 * Step 8, delete for me (PROTOCOL.md, "Delete for me"): the messages each user has hidden
 * from their own view. Keyed (user_id, message_id), the lookup every history page, sync,
 * search and list preview makes per message; gone with the user or the message.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hidden_messages')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('hidden_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('hidden_messages_pk', ['user_id', 'message_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('hidden_messages').execute();
}
