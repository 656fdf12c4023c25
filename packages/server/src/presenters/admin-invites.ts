import type { AdminInvite } from '@parley/protocol';
import type { InviteRow, UserRow } from '../store/tables.ts';
import { presentUser } from './users.ts';

/** An invite code as the console lists it; the code itself is never shown again. */
export function presentAdminInvite(row: InviteRow, people: Map<string, UserRow>): AdminInvite {
  const person = (id: string | null) => {
    const user = id === null ? undefined : people.get(id);
    return user ? presentUser(user) : null;
  };
  return {
    id: row.id,
    createdBy: person(row.created_by),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedBy: person(row.used_by),
    usedAt: row.used_at,
  };
}
