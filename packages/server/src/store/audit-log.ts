import type { AuditAction, AuditEntry } from '@parley/protocol';
import type { Kysely } from 'kysely';
import { newId, now } from '../ids.ts';
import type { AuditLogRow, Database } from './tables.ts';

type Db = Kysely<Database>;

export interface AuditRecord {
  actorId: string;
  action: AuditAction;
  targetType: AuditEntry['targetType'];
  targetId: string | null;
  /** What the target is called now (a username, a group's name, an excerpt), kept as it was. */
  targetLabel: string;
  detail?: AuditEntry['detail'];
}

/**
 * Writes one line of the admins' audit log. Call it with the transaction that makes the change
 * itself, so the log never shows an action a rollback undid nor misses one that committed.
 */
export async function recordAudit(tx: Db, record: AuditRecord): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: now(),
      actor_id: record.actorId,
      action: record.action,
      target_type: record.targetType,
      target_id: record.targetId,
      target_label: record.targetLabel,
      detail: JSON.stringify(record.detail ?? {}),
    })
    .execute();
}

/** Newest first; `before` is the last id of the previous page (ids are UUIDv7, so time order). */
export async function auditPage(
  db: Db,
  { action, before, limit }: { action?: AuditAction; before?: string; limit: number },
): Promise<AuditLogRow[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
  if (action) query = query.where('action', '=', action);
  if (before) query = query.where('id', '<', before);
  return query.execute();
}
