import { Id, type AuditPage, type AuditQuery } from '@parley/protocol';
import { AppError } from '../../errors.ts';
import { presentAuditEntry } from '../../presenters/audit.ts';
import type { Services } from '../../services.ts';
import { auditPage } from '../../store/audit-log.ts';
import { usersByIds } from '../../store/people-by-id.ts';

/**
 * The audit log a page at a time, newest first, of one action or all. The cursor is the last
 * entry's id (UUIDv7, so time order); the next page starts below it.
 */
export async function readAuditLog(services: Services, query: AuditQuery): Promise<AuditPage> {
  const db = services.store.db;
  if (query.cursor !== undefined && !Id.safeParse(query.cursor).success) {
    throw new AppError('invalid_request', 'cursor is not one this server gave out', { field: 'cursor' });
  }
  const rows = await auditPage(db, { action: query.action, before: query.cursor, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const actors = await usersByIds(
    db,
    page.flatMap((row) => (row.actor_id ? [row.actor_id] : [])),
  );
  return {
    entries: page.map((row) => presentAuditEntry(row, actors)),
    nextCursor: rows.length > query.limit ? page.at(-1)!.id : null,
  };
}
