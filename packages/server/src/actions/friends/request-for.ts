import type { Kysely } from 'kysely';
import { AppError } from '../../errors.ts';
import { friendRequestById, type FriendRequestRecord } from '../../store/friends.ts';
import type { Database } from '../../store/tables.ts';

/**
 * A request the user received, for them to answer. Anyone else's, and one set aside because
 * the user blocked its sender (`ignored`), is simply "not found".
 */
export async function requestForRecipient(
  db: Kysely<Database>,
  userId: string,
  id: string,
): Promise<FriendRequestRecord> {
  const request = await friendRequestById(db, id);
  if (!request || request.to_id !== userId || request.status === 'ignored')
    throw new AppError('not_found', 'no such friend request');
  return request;
}

/** A request the user sent, for them to withdraw; anyone else's is "not found". */
export async function requestForSender(
  db: Kysely<Database>,
  userId: string,
  id: string,
): Promise<FriendRequestRecord> {
  const request = await friendRequestById(db, id);
  if (!request || request.from_id !== userId) throw new AppError('not_found', 'no such friend request');
  return request;
}
