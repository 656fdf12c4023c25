import { AppError } from '../../errors.ts';
import type { Kysely } from 'kysely';
import { blockersAmong, friendsAmong, usersByIds } from '../../store/people-by-id.ts';
import type { Database } from '../../store/tables.ts';

/**
 * Only the caller's friends may be added or invited, so a stranger cannot be pulled into a
 * group (or spammed with invitations). Unknown people are "not found"; known ones who are
 * not friends are `not_friends`. `field` names the body field for the client.
 */
export async function checkFriends(
  db: Kysely<Database>,
  me: string,
  ids: string[],
  field: string,
): Promise<void> {
  const known = await usersByIds(db, ids);
  if (ids.some((id) => !known.has(id))) throw new AppError('not_found', 'no such user', { field });
  // A friend who has blocked the caller counts as no friend here: a block must keep them
  // out of the caller's groups too, and the refusal does not say which it was.
  const friends = await friendsAmong(db, me, ids);
  const blockers = await blockersAmong(db, me, ids);
  if (ids.some((id) => !friends.has(id) || blockers.has(id)))
    throw new AppError('not_friends', 'you can only bring your friends into a group', { field });
}
