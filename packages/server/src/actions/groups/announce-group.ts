import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import { presentSharedConversation } from '../../presenters/conversations.ts';
import { conversationById } from '../../store/conversations.ts';
import type { ConversationRow, Database } from '../../store/tables.ts';

/**
 * Reads the group as it is now (after any notices, so `lastSeq` is current) and queues
 * `conversation.updated` for `to`: the newcomers, or every member when its details changed.
 */
export async function announceGroup(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  groupId: string,
  to: string[],
): Promise<ConversationRow> {
  const group = (await conversationById(tx, groupId))!;
  if (to.length > 0)
    emit({
      to: { users: to },
      event: { event: 'conversation.updated', data: presentSharedConversation(group) },
    });
  return group;
}
