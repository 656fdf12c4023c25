import { AuditEntry } from '@parley/protocol';
import type { AuditLogRow, UserRow } from '../store/tables.ts';
import { presentUser } from './users.ts';

/** One line of the audit log for the console; `actors` holds the rows' actors by id. */
export function presentAuditEntry(row: AuditLogRow, actors: Map<string, UserRow>): AuditEntry {
  const actor = row.actor_id === null ? undefined : actors.get(row.actor_id);
  return {
    id: row.id,
    at: row.at,
    actor: actor ? presentUser(actor) : null,
    action: row.action as AuditEntry['action'],
    targetType: row.target_type as AuditEntry['targetType'],
    targetId: row.target_id,
    targetLabel: row.target_label,
    detail: detailOf(row.detail),
  };
}

/** The stored JSON detail; anything unreadable shows as none rather than failing the page. */
function detailOf(text: string): AuditEntry['detail'] {
  try {
    const parsed = AuditEntry.shape.detail.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
