import type { Kysely } from 'kysely';
import { now } from '../../ids.ts';
import { newConversationRow } from '../../store/conversations.ts';
import type { Database } from '../../store/tables.ts';

/** The lobby's fixed id: one per server, however many nodes start at once. */
export const LOBBY_ID = 'lobby';

/** Makes the public lobby if it does not exist yet (PARLEY_LOBBY=true); run at start. */
export async function ensureLobby(db: Kysely<Database>): Promise<void> {
  const lobby = newConversationRow({
    id: LOBBY_ID,
    kind: 'lobby',
    name: 'Lobby',
    join_policy: 'open',
    // The lobby's online list: members who let everyone see them (presenceVisibleTo).
    show_presence: 1,
    created_at: now(),
  });
  await db
    .insertInto('conversations')
    .values(lobby)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}
