import { type Report, type ReportPage, type ReportsQuery, Id } from '@parley/protocol';
import type { Kysely } from 'kysely';
import { AppError } from '../../errors.ts';
import { presentReport } from '../../presenters/reports.ts';
import type { Services } from '../../services.ts';
import { usersByIds } from '../../store/people-by-id.ts';
import { conversationsByIds, messagesByIds, openReportCountsOn, reportsPage } from '../../store/reports.ts';
import type { Database, ReportRow } from '../../store/tables.ts';

/** The admins' reports queue: open ones, or the handled ones, newest first, a page at a time. */
export async function listReports(services: Services, query: ReportsQuery): Promise<ReportPage> {
  if (query.cursor !== undefined && !Id.safeParse(query.cursor).success)
    throw new AppError('invalid_request', 'cursor is not one this server gave out', { field: 'cursor' });
  const db = services.store.db;
  const rows = await reportsPage(db, { status: query.status, before: query.cursor, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return {
    reports: await presentReports(db, page),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Reports with their message as it is now, its conversation and people, loaded in bulk. */
export async function presentReports(db: Kysely<Database>, rows: ReportRow[]): Promise<Report[]> {
  const messageIds = rows.map((r) => r.message_id);
  const messages = await messagesByIds(db, messageIds);
  const conversations = await conversationsByIds(
    db,
    rows.map((r) => r.conversation_id),
  );
  const users = await usersByIds(db, [
    ...rows.flatMap((r) => [r.reporter_id, ...(r.handled_by === null ? [] : [r.handled_by])]),
    ...[...messages.values()].flatMap((m) => (m.sender_id === null ? [] : [m.sender_id])),
  ]);
  const open = await openReportCountsOn(db, messageIds);
  return rows.map((row) =>
    presentReport(row, {
      // A report is deleted with its message (foreign key), so both are there.
      message: messages.get(row.message_id)!,
      conversation: conversations.get(row.conversation_id)!,
      users,
      openOnMessage: open.get(row.message_id) ?? 0,
    }),
  );
}
