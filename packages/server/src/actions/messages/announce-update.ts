import type { Message } from '@parley/protocol';
import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import { presentMessage } from '../../presenters/conversations.ts';
import { memberIds } from '../../store/members.ts';
import { extrasFor } from '../../store/message-extras.ts';
import type { Database, MessageRow } from '../../store/tables.ts';

/**
 * Presents a changed message in full (reply preview and reactions included) and queues
 * `message.updated` for the conversation's members, read inside the transaction so the
 * audience is the one the change committed with. Clients replace the message they hold by id.
 */
export async function announceUpdate(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  row: MessageRow,
): Promise<Message> {
  const message = presentMessage(row, (await extrasFor(tx, [row])).get(row.id));
  emit({
    to: { users: await memberIds(tx, row.conversation_id) },
    event: { event: 'message.updated', data: message },
  });
  return message;
}
