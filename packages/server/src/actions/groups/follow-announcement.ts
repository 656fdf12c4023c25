import { announcementExcerptMax, excerpt } from '@parley/protocol';
import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import { noAnnouncement, reviseAnnouncementOf } from '../../store/announcements.ts';
import { memberIds } from '../../store/members.ts';
import type { Database, MessageRow } from '../../store/tables.ts';
import { announceGroup } from './announce-group.ts';

/**
 * After an edit or a recall of `message` (as it is now), in that action's transaction: when
 * it is its group's announcement, the announcement shows the new text, or is taken down with
 * the recalled message, and the members hear `conversation.updated` (PROTOCOL.md,
 * Announcements). Nothing when it is not pinned.
 */
export async function followAnnouncement(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  message: MessageRow,
): Promise<void> {
  const changes =
    message.recalled_at !== null
      ? noAnnouncement
      : { announcement_text: excerpt(message.body, announcementExcerptMax) };
  if (!(await reviseAnnouncementOf(tx, message.conversation_id, message.id, changes))) return;
  await announceGroup(tx, emit, message.conversation_id, await memberIds(tx, message.conversation_id));
}
