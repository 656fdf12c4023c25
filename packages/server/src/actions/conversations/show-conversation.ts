import type { Conversation } from '@parley/protocol';
import { accessConversation } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { presentConversation } from '../../presenters/conversations.ts';
import { presentUser } from '../../presenters/users.ts';
import type { Services } from '../../services.ts';
import { peersOf } from '../../store/peers.ts';

export async function showConversation(services: Services, actor: Actor, id: string): Promise<Conversation> {
  const db = services.store.db;
  const { conversation, member } = await accessConversation(db, actor.user.id, id);
  const peers = conversation.kind === 'direct' ? await peersOf(db, actor.user.id, [id]) : new Map();
  const peer = peers.get(id);
  return presentConversation(conversation, member, peer ? presentUser(peer) : null);
}
