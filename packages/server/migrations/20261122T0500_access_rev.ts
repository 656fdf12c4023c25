import type { Kysely } from 'kysely';

/**
 * Step 3, speed: `conversations.access_rev` counts changes to who may write into a conversation
 * and who hears it — members joining or leaving, roles, mutes, a dissolve, and for a direct
 * conversation a block or friendship between the pair. Each such change bumps it in its own
 * transaction. A send reads it with the seq under the row lock and reuses its cached member
 * list while the number matches (access/member-cache.ts), instead of querying them every time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('conversations')
    .addColumn('access_rev', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversations').dropColumn('access_rev').execute();
}
