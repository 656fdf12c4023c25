import { type Kysely, sql } from 'kysely';

/**
 * Step 9, one index fewer to write per message sent: `(conversation_id, rev)` serves the
 * changes feed (store/messages.ts changedSince), which only ever asks for rev > 0 — a message
 * never edited, recalled or reacted to keeps rev 0 and is covered by its seq. So the index
 * holds changed messages only, and a send's insert no longer touches it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index messages_changed on messages (conversation_id, rev) where rev > 0`.execute(db);
  await sql`drop index messages_conversation_rev`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index messages_conversation_rev on messages (conversation_id, rev)`.execute(db);
  await sql`drop index messages_changed`.execute(db);
}
