import type { PresenceVisibility } from '@parley/protocol';
import type { Kysely } from 'kysely';
import type { Database } from './tables.ts';

type Db = Kysely<Database>;

/** Who sees the user's presence besides their friends (Settings.presenceVisibleTo). */
export async function presenceVisibility(db: Db, userId: string): Promise<PresenceVisibility> {
  const row = await db
    .selectFrom('users')
    .select('presence_visible_to')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.presence_visible_to ?? 'everyone';
}

export async function setPresenceVisibility(db: Db, userId: string, to: PresenceVisibility): Promise<void> {
  await db.updateTable('users').set({ presence_visible_to: to }).where('id', '=', userId).execute();
}
