import type { GroupInvitation } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { presentInvitation } from '../../presenters/groups.ts';
import type { Services } from '../../services.ts';
import { pendingInvitationsFor } from '../../store/group-invitations.ts';
import { groupsByIds } from '../../store/groups.ts';
import { usersByIds } from '../../store/people-by-id.ts';

/** The caller's pending invitations to groups that still exist, newest first. */
export async function listGroupInvitations(
  services: Services,
  actor: Actor,
): Promise<{ invitations: GroupInvitation[] }> {
  const db = services.store.db;
  const rows = await pendingInvitationsFor(db, actor.user.id);
  const groups = new Map(
    (await groupsByIds(db, [...new Set(rows.map((r) => r.conversation_id))])).map((g) => [g.id, g]),
  );
  const inviters = await usersByIds(
    db,
    rows.map((r) => r.inviter_id),
  );
  return {
    invitations: rows.map((row) =>
      presentInvitation(row, groups.get(row.conversation_id)!, inviters.get(row.inviter_id)!),
    ),
  };
}
