import type { AdminInviteList } from '@parley/protocol';
import { now } from '../../ids.ts';
import { presentAdminInvite } from '../../presenters/admin-invites.ts';
import type { Services } from '../../services.ts';
import { liveInvites, spentInvites } from '../../store/invites.ts';
import { usersByIds } from '../../store/people-by-id.ts';

/** At most this many invites are listed: the console shows recent ones, not an archive. */
const listMax = 200;

/** The console's invites: those still usable first, then used or expired ones, each newest first. */
export async function listInvites(services: Services): Promise<AdminInviteList> {
  const db = services.store.db;
  const at = now();
  const live = await liveInvites(db, at, listMax);
  const rows = [...live, ...(await spentInvites(db, at, listMax - live.length))];
  const people = await usersByIds(
    db,
    rows.flatMap((row) => [row.created_by, ...(row.used_by ? [row.used_by] : [])]),
  );
  return { invites: rows.map((row) => presentAdminInvite(row, people)) };
}
