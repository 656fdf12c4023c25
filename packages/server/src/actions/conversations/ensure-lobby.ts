import type { Kysely } from 'kysely';
import { now } from '../../ids.ts';
import type { ConversationRow, Database } from '../../store/tables.ts';

/** The lobby's fixed id: one per server, however many nodes start at once. */
export const LOBBY_ID = 'lobby';

/** Makes the public lobby if it does not exist yet (PARLEY_LOBBY=true); run at start. */
export async function ensureLobby(db: Kysely<Database>): Promise<void> {
  const at = now();
  const lobby: ConversationRow = {
    id: LOBBY_ID,
    kind: 'lobby',
    name: 'Lobby',
    description: '',
    avatar: null,
    join_policy: 'open',
    invite_mode: 'accept',
    // Everyone is in the lobby; showing its members' presence would show everyone's.
    show_presence: 0,
    direct_key: null,
    owner_id: null,
    member_count: 0,
    last_seq: 0,
    created_at: at,
    updated_at: at,
    dissolved_at: null,
  };
  await db
    .insertInto('conversations')
    .values(lobby)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}
