import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import { conversationById } from '../../store/conversations.ts';
import type { Database } from '../../store/tables.ts';
import { admitMembers } from '../groups/admit-members.ts';
import { LOBBY_ID } from './ensure-lobby.ts';

/**
 * A new account joins the public lobby (PARLEY_LOBBY=true) the way anyone joins an open group:
 * the lobby reads "X joined" and its members see the newcomer arrive.
 */
export async function joinLobby(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  userId: string,
): Promise<void> {
  const lobby = await conversationById(tx, LOBBY_ID);
  if (!lobby) return;
  await admitMembers(tx, emit, lobby, [userId], {
    type: 'member.joined',
    actorId: userId,
    userIds: [userId],
  });
}
