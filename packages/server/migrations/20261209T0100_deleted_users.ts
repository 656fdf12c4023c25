import { type Kysely, sql } from 'kysely';

/**
 * Issue 16, "Delete my account": `users.deleted_at`. A deleted account keeps its row, so the
 * messages it sent stay in others' history (sender_id still points at it) and every foreign
 * key stays intact; the row is emptied (actions/accounts/delete-account.ts) and presenters show
 * it as a deleted user. Null for every live account.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column deleted_at text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users drop column deleted_at`.execute(db);
}
