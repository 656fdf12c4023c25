import type { Kysely } from 'kysely';
import type { ConversationAccess } from '../../access/conversations.ts';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { peersOf } from '../../store/peers.ts';
import { areFriends, hasBlocked } from '../../store/relations.ts';
import type { Database } from '../../store/tables.ts';

/**
 * The rules for writing into a conversation the sender is in: not while a group admin has
 * muted them; in a direct conversation, not to someone who blocked them (or whom they
 * blocked), and only as PARLEY_DM_POLICY allows. The refusals do not say which rule it was.
 */
export async function checkCanSend(
  services: Services,
  db: Kysely<Database>,
  senderId: string,
  { conversation, member }: ConversationAccess,
): Promise<void> {
  if (member.muted_until && member.muted_until > new Date().toISOString()) {
    throw new AppError('muted', `you are muted in this group until ${member.muted_until}`);
  }
  if (conversation.kind !== 'direct') return;
  const peer = (await peersOf(db, senderId, [conversation.id])).get(conversation.id);
  if (!peer) return;
  const allowed =
    !(await hasBlocked(db, peer.id, senderId)) &&
    !(await hasBlocked(db, senderId, peer.id)) &&
    (services.config.dmPolicy === 'anyone' || (await areFriends(db, senderId, peer.id)));
  if (!allowed) throw new AppError('cannot_message', 'this user does not accept direct messages from you');
}
