import type { JoinRequest } from '@parley/protocol';
import { accessGroup } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { presentJoinRequest } from '../../presenters/groups.ts';
import type { Services } from '../../services.ts';
import { pendingJoinRequests } from '../../store/join-requests.ts';
import { usersByIds } from '../../store/people-by-id.ts';

/** The owner's and admins' queue of pending join requests, oldest first. */
export async function listJoinRequests(
  services: Services,
  actor: Actor,
  groupId: string,
): Promise<{ requests: JoinRequest[] }> {
  const db = services.store.db;
  const { conversation: group } = await accessGroup(db, actor.user.id, groupId, 'admin');
  const rows = await pendingJoinRequests(db, groupId);
  const users = await usersByIds(
    db,
    rows.map((r) => r.user_id),
  );
  return { requests: rows.map((row) => presentJoinRequest(row, group, users.get(row.user_id)!)) };
}
