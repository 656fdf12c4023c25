import type { SearchUsersQuery, UserPage } from '@parley/protocol';
import { AppError } from '../../errors.ts';
import { presentUser } from '../../presenters/users.ts';
import type { Services } from '../../services.ts';
import { searchUsers as queryUsers } from '../../store/users.ts';

/** Users whose username or display name contains the text, a page at a time (keyset paging). */
export async function searchUsers(services: Services, query: SearchUsersQuery): Promise<UserPage> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const rows = await queryUsers(services.store.db, query.q, query.limit + 1, after);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    users: page.map(presentUser),
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
