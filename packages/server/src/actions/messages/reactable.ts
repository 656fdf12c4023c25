import type { ReactionChanged } from '@parley/protocol';
import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import { memberIds } from '../../store/members.ts';
import { extrasFor } from '../../store/message-extras.ts';
import type { Database, MessageRow } from '../../store/tables.ts';

/**
 * The message's reactions as they are now, queuing `reaction.changed` for its members when
 * something changed (a repeated PUT or DELETE changes nothing and announces nothing).
 */
export async function presentReactions(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  message: MessageRow,
  changed: boolean,
): Promise<ReactionChanged> {
  const reactions = (await extrasFor(tx, [message])).get(message.id)?.reactions ?? [];
  const data = { conversationId: message.conversation_id, messageId: message.id, reactions };
  if (changed) {
    emit({
      to: { users: await memberIds(tx, message.conversation_id) },
      event: { event: 'reaction.changed', data },
    });
  }
  return data;
}
