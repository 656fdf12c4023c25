import type { GroupPage, SearchGroupsQuery } from '@parley/protocol';
import { AppError } from '../../errors.ts';
import { presentGroupSummary } from '../../presenters/groups.ts';
import type { Services } from '../../services.ts';
import { searchGroups as queryGroups } from '../../store/groups.ts';

/**
 * Groups anyone may find by name, a page at a time (keyset on name, id). Invite-only groups
 * are never listed: their members chose not to be found.
 */
export async function searchGroups(services: Services, query: SearchGroupsQuery): Promise<GroupPage> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const rows = await queryGroups(services.store.db, query.q, query.limit + 1, after);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    groups: page.map(presentGroupSummary),
    nextCursor:
      rows.length > query.limit && last
        ? Buffer.from(JSON.stringify([last.name, last.id])).toString('base64url')
        : null,
  };
}

function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof name === 'string' && typeof id === 'string') return { name, id };
  } catch {
    // fall through to the refusal
  }
  throw new AppError('invalid_request', 'cursor is not one this server gave out', { field: 'cursor' });
}
