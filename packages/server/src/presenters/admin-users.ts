import type { AdminUser } from '@parley/protocol';
import type { UserUsage } from '../store/admin-users.ts';
import type { UserRow } from '../store/tables.ts';
import { presentUser } from './users.ts';

/**
 * An account as the admin console shows it. `lastSeenAt` is the later of when the user's last
 * socket closed (users.last_seen_at) and when any live session last did something
 * (sessions.last_seen_at, refreshed at most once a minute): someone online now, or using only
 * REST, shows as recently seen too.
 */
export function presentAdminUser(row: UserRow, usage: UserUsage): AdminUser {
  return {
    ...presentUser(row),
    disabledAt: row.disabled_at,
    mustChangePassword: row.password_reset_at !== null,
    lastSeenAt: later(row.last_seen_at, usage.sessionSeenAt),
    sessions: usage.sessions,
    storageBytes: usage.storageBytes,
  };
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
