import { type Kysely, sql } from 'kysely';

/**
 * Step 9, the idempotency index keyed by the client's id first: `(client_msg_id, sender_id)`
 * instead of `(sender_id, client_msg_id)`. The SDK makes time-ordered clientMsgIds (UUIDv7), so
 * each new key now lands at the end of one index, where a batch of sends dirties a page or two;
 * keyed by sender first, every sender in the batch dirtied a page of their own (with random
 * ids, several), a quarter of the disk written per message. Lookups give both columns, so they
 * use it either way; uniqueness is the same pair.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create unique index messages_client_id on messages (client_msg_id, sender_id)`.execute(db);
  await sql`drop index messages_sender_client_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create unique index messages_sender_client_id on messages (sender_id, client_msg_id)`.execute(db);
  await sql`drop index messages_client_id`.execute(db);
}
