import type { Kysely } from 'kysely';
import type { ConversationRow, Database, MessageRow, ReportRow } from './tables.ts';

type Db = Kysely<Database>;

// The reports queue (actions/admin/report-message.ts, list-reports.ts, resolve-report.ts).

export async function insertReport(db: Db, row: ReportRow): Promise<void> {
  await db.insertInto('reports').values(row).execute();
}

export function reportById(db: Db, id: string): Promise<ReportRow | undefined> {
  return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The user's report on the message, if they made one (whatever became of it). */
export function reportOf(db: Db, messageId: string, reporterId: string): Promise<ReportRow | undefined> {
  return db
    .selectFrom('reports')
    .selectAll()
    .where('message_id', '=', messageId)
    .where('reporter_id', '=', reporterId)
    .executeTakeFirst();
}

/** How many of the user's reports are still waiting for an admin. */
export async function openReportCountOf(db: Db, reporterId: string): Promise<number> {
  const row = await db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('reporter_id', '=', reporterId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Closes every open report on the message as `status`; returns the ids closed. */
export async function closeOpenReports(
  db: Db,
  messageId: string,
  { status, by, at }: { status: 'removed' | 'dismissed'; by: string; at: string },
): Promise<string[]> {
  const rows = await db
    .updateTable('reports')
    .set({ status, handled_by: by, handled_at: at })
    .where('message_id', '=', messageId)
    .where('status', '=', 'open')
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Dismisses one report if it is still open (the update is its own check, so two admins
 * racing cannot both handle it); undefined when it is not open or not there.
 */
export function dismissOpenReport(
  db: Db,
  id: string,
  { by, at }: { by: string; at: string },
): Promise<ReportRow | undefined> {
  return db
    .updateTable('reports')
    .set({ status: 'dismissed', handled_by: by, handled_at: at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
}

/**
 * A page of the queue, newest first (ids are UUIDv7, so by id); `before` is the last id of
 * the previous page. `handled` lists dismissed and removed ones.
 */
export function reportsPage(
  db: Db,
  { status, before, limit }: { status: 'open' | 'handled'; before?: string; limit: number },
): Promise<ReportRow[]> {
  let query = db.selectFrom('reports').selectAll().orderBy('id', 'desc').limit(limit);
  query =
    status === 'open'
      ? query.where('status', '=', 'open')
      : query.where('status', 'in', ['dismissed', 'removed']);
  if (before !== undefined) query = query.where('id', '<', before);
  return query.execute();
}

/** Open reports on each of the messages, by message id (messages without any are missing). */
export async function openReportCountsOn(db: Db, messageIds: string[]): Promise<Map<string, number>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('reports')
    .select(['message_id', (eb) => eb.fn.countAll().as('n')])
    .where('message_id', 'in', [...new Set(messageIds)])
    .where('status', '=', 'open')
    .groupBy('message_id')
    .execute();
  return new Map(rows.map((r) => [r.message_id, Number(r.n)]));
}

/** The reported messages as they are now, by id. */
export async function messagesByIds(db: Db, ids: string[]): Promise<Map<string, MessageRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((m) => [m.id, m]));
}

/** Their conversations, dissolved ones included (a report outlives its group), by id. */
export async function conversationsByIds(db: Db, ids: string[]): Promise<Map<string, ConversationRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('conversations')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((c) => [c.id, c]));
}
