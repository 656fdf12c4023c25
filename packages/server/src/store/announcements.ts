import type { Kysely } from 'kysely';
import type { ConversationRow, Database } from './tables.ts';

type Db = Kysely<Database>;

/** The announcement columns of a conversation row (PROTOCOL.md, Announcements). */
export type AnnouncementColumns = Pick<
  ConversationRow,
  | 'announcement_message_id'
  | 'announcement_sender_id'
  | 'announcement_text'
  | 'announcement_pinned_by'
  | 'announcement_pinned_at'
>;

/** No announcement. */
export const noAnnouncement: AnnouncementColumns = {
  announcement_message_id: null,
  announcement_sender_id: null,
  announcement_text: null,
  announcement_pinned_by: null,
  announcement_pinned_at: null,
};

/**
 * Changes the announcement of the conversation whose pinned message is `messageId`, if any
 * is: what an edit (a new excerpt) or a recall (taken down) of that message does. True when
 * one was.
 */
export async function reviseAnnouncementOf(
  db: Db,
  conversationId: string,
  messageId: string,
  changes: Partial<AnnouncementColumns>,
): Promise<boolean> {
  const result = await db
    .updateTable('conversations')
    .set(changes)
    .where('id', '=', conversationId)
    .where('announcement_message_id', '=', messageId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
