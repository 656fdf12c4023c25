import type { Kysely } from 'kysely';
import type { ConversationPeople } from '../../access/member-cache.ts';
import type { ConversationAccess } from '../../access/conversations.ts';
import type { Config } from '../../config/settings.ts';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import type { Database } from '../../store/tables.ts';

/**
 * The rules for writing into a conversation the sender is in, for actions that loaded it with
 * accessConversation (edit, react, forward, typing). Sends check the same rules in their batch
 * (commit-sends.ts) with `refuseToSend`.
 */
export async function checkCanSend(
  services: Services,
  db: Kysely<Database>,
  senderId: string,
  { conversation }: ConversationAccess,
): Promise<void> {
  const people = await services.members.get(db, conversation.id, conversation.kind, conversation.access_rev);
  refuseToSend(services.config.dmPolicy, senderId, people);
}

/**
 * Throws unless `senderId` may write into the conversation `people` describe: they are a
 * member; not while a group admin has muted them; in a direct conversation, not to someone who
 * blocked them (or whom they blocked), and only as PARLEY_DM_POLICY allows. The refusals do
 * not say which rule it was.
 */
export function refuseToSend(
  dmPolicy: Config['dmPolicy'],
  senderId: string,
  people: ConversationPeople,
): void {
  const member = people.members.get(senderId);
  if (!member) throw new AppError('not_found', 'no such conversation');
  if (member.mutedUntil && member.mutedUntil > new Date().toISOString()) {
    throw new AppError('muted', `you are muted in this group until ${member.mutedUntil}`);
  }
  if (people.kind !== 'direct' || people.ids.length !== 2) return;
  if (people.blocked || (dmPolicy !== 'anyone' && !people.friends)) {
    throw new AppError('cannot_message', 'this user does not accept direct messages from you');
  }
}
