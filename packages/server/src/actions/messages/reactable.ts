import type { ReactionChanged } from '@parley/protocol';
import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import { memberIds } from '../../store/members.ts';
import { extrasFor } from '../../store/message-extras.ts';
import { markRevised } from '../../store/message-updates.ts';
import type { Database, MessageRow } from '../../store/tables.ts';

/**
 * The message's reactions as they are now, queuing `reaction.changed` for its members when
 * something changed (a repeated PUT or DELETE changes nothing, announces nothing and keeps
 * the message's rev). A change is a revision of the message (markRevised), so a member who
 * was away learns of it from `sync` and `changes`; the event carries the new rev.
 */
export async function presentReactions(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  message: MessageRow,
  changed: boolean,
): Promise<ReactionChanged> {
  const row = changed ? await markRevised(tx, message) : message;
  const reactions = (await extrasFor(tx, [row])).get(row.id)?.reactions ?? [];
  const data = { conversationId: row.conversation_id, messageId: row.id, reactions, rev: row.rev };
  if (changed) {
    emit({
      to: { users: await memberIds(tx, row.conversation_id) },
      event: { event: 'reaction.changed', data },
    });
  }
  return data;
}
