import type { Kysely } from 'kysely';

/**
 * Step 3½: message revisions, so a client that was away learns of edits, recalls and reaction
 * changes to messages it already holds (DESIGN.md, delivery contract point 5). Every such change
 * bumps `conversations.last_rev` in its transaction and stamps the message's `rev` with it,
 * as a send bumps `last_seq`; `sync` compares the client's rev with last_rev, and the
 * (conversation_id, rev) index serves `GET /conversations/{id}/changes?sinceRev=`.
 * Messages never changed keep rev 0: their seq already covers them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('conversations')
    .addColumn('last_rev', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('messages')
    .addColumn('rev', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('messages_conversation_rev')
    .on('messages')
    .columns(['conversation_id', 'rev'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('messages_conversation_rev').execute();
  await db.schema.alterTable('messages').dropColumn('rev').execute();
  await db.schema.alterTable('conversations').dropColumn('last_rev').execute();
}
