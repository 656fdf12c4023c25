import type { Kysely } from 'kysely';
import type { MessageExtras } from '../presenters/conversations.ts';
import type { Database, MessageRow } from './tables.ts';

/**
 * The replied-to messages and reaction summaries of a page of messages, in two queries
 * whatever the page size (never one per message).
 */
export async function extrasFor(
  db: Kysely<Database>,
  rows: MessageRow[],
): Promise<Map<string, MessageExtras>> {
  const extras = new Map<string, MessageExtras>(rows.map((r) => [r.id, {}]));
  const replyIds = [...new Set(rows.flatMap((r) => (r.reply_to_id ? [r.reply_to_id] : [])))];
  if (replyIds.length > 0) {
    const replied = await db.selectFrom('messages').selectAll().where('id', 'in', replyIds).execute();
    const byId = new Map(replied.map((m) => [m.id, m]));
    for (const row of rows) if (row.reply_to_id) extras.get(row.id)!.replyTo = byId.get(row.reply_to_id);
  }
  const textIds = rows.filter((r) => r.kind === 'text').map((r) => r.id);
  if (textIds.length > 0) {
    const reactions = await db
      .selectFrom('reactions')
      .select(['message_id', 'emoji', 'user_id'])
      .where('message_id', 'in', textIds)
      .orderBy('created_at')
      .execute();
    for (const { message_id, emoji, user_id } of reactions) {
      const list = (extras.get(message_id)!.reactions ??= []);
      let summary = list.find((s) => s.emoji === emoji);
      if (!summary) list.push((summary = { emoji, count: 0, userIds: [] }));
      summary.count += 1;
      summary.userIds.push(user_id);
    }
  }
  return extras;
}
