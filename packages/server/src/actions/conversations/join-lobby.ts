import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import { now } from '../../ids.ts';
import { presentSharedConversation } from '../../presenters/conversations.ts';
import { conversationById } from '../../store/conversations.ts';
import { addMember } from '../../store/members.ts';
import type { Database } from '../../store/tables.ts';
import { LOBBY_ID } from './ensure-lobby.ts';
import { postNotice } from './post-notice.ts';

/** A new account joins the public lobby, and the lobby reads "X joined" (PARLEY_LOBBY=true). */
export async function joinLobby(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  userId: string,
): Promise<void> {
  if (!(await conversationById(tx, LOBBY_ID))) return;
  await addMember(tx, LOBBY_ID, userId, 'member', now());
  await postNotice(tx, emit, LOBBY_ID, { type: 'member.joined', actorId: userId, userIds: [userId] });
  const lobby = (await conversationById(tx, LOBBY_ID))!;
  emit({
    to: { users: [userId] },
    event: { event: 'conversation.updated', data: presentSharedConversation(lobby) },
  });
}
