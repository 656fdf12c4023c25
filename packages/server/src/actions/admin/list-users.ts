import type { AdminUserPage, AdminUsersQuery } from '@parley/protocol';
import { AppError } from '../../errors.ts';
import { presentAdminUser } from '../../presenters/admin-users.ts';
import type { Services } from '../../services.ts';
import { adminUserPage, usageOf } from '../../store/admin-users.ts';

/**
 * The console's user list: every account not deleted (disabled ones included unless filtered),
 * by username, a page at a time (keyset paging on the username, which is unique), each with
 * its sessions, storage and last seen.
 */
export async function listUsers(services: Services, query: AdminUsersQuery): Promise<AdminUserPage> {
  const { db } = services.store;
  const rows = await adminUserPage(db, {
    q: query.q,
    filter: query.filter,
    afterUsername: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const usage = await usageOf(
    db,
    page.map((row) => row.id),
  );
  const last = page.at(-1);
  return {
    users: page.map((row) => presentAdminUser(row, usage.get(row.id)!)),
    nextCursor: rows.length > query.limit && last ? Buffer.from(last.username).toString('base64url') : null,
  };
}

function decodeCursor(cursor: string): string {
  const username = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[a-z0-9_.-]{1,64}$/.test(username)) {
    throw new AppError('invalid_request', 'cursor is not one this server gave out', { field: 'cursor' });
  }
  return username;
}
