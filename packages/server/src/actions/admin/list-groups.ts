import type { AdminGroup, AdminGroupPage, AdminGroupsQuery } from '@parley/protocol';
import { AppError } from '../../errors.ts';
import { avatarPath } from '../../presenters/attachments.ts';
import { presentUser } from '../../presenters/users.ts';
import type { Services } from '../../services.ts';
import { type AdminGroupRow, adminGroupsPage } from '../../store/admin-groups.ts';
import { usersByIds } from '../../store/people-by-id.ts';
import type { UserRow } from '../../store/tables.ts';

/**
 * Every live group, for the admin console (invite-only ones too, unlike the public search;
 * never the lobby), by name a page at a time, each with its owner.
 */
export async function listGroups(services: Services, query: AdminGroupsQuery): Promise<AdminGroupPage> {
  const db = services.store.db;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const rows = await adminGroupsPage(db, query.q, query.limit + 1, after);
  const page = rows.slice(0, query.limit);
  const owners = await usersByIds(
    db,
    page.flatMap((g) => (g.owner_id === null ? [] : [g.owner_id])),
  );
  const last = page.at(-1);
  return {
    groups: page.map((row) => presentAdminGroup(row, owners)),
    nextCursor:
      rows.length > query.limit && last
        ? Buffer.from(JSON.stringify([last.name, last.id])).toString('base64url')
        : null,
  };
}

function presentAdminGroup(row: AdminGroupRow, owners: Map<string, UserRow>): AdminGroup {
  const owner = row.owner_id === null ? undefined : owners.get(row.owner_id);
  return {
    id: row.id,
    name: row.name,
    avatarSmall: avatarPath(row.avatar_small),
    memberCount: Number(row.member_count),
    owner: owner ? presentUser(owner) : null,
    createdAt: row.created_at,
    lastMessageAt: row.last_message_at,
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
