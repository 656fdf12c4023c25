import type { FriendRequestList } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { presentFriendRequest } from '../../presenters/friends.ts';
import type { Services } from '../../services.ts';
import { blockedEitherWay } from '../../store/blocks.ts';
import { requestsOf } from '../../store/friends.ts';
import { usersByIds } from '../../store/people-by-id.ts';

/**
 * The caller's open requests, newest first. Incoming leaves out `ignored` ones and any from
 * people the caller has blocked; outgoing shows the caller's `ignored` ones as pending.
 */
export async function listFriendRequests(services: Services, actor: Actor): Promise<FriendRequestList> {
  const db = services.store.db;
  const me = actor.user.id;
  const [received, sent, blocked] = await Promise.all([
    requestsOf(db, me, 'incoming'),
    requestsOf(db, me, 'outgoing'),
    blockedEitherWay(db, me),
  ]);
  const incomingRows = received.filter((r) => !blocked.has(r.from_id));
  const users = await usersByIds(db, [
    ...incomingRows.map((r) => r.from_id),
    ...sent.map((r) => r.to_id),
    me,
  ]);
  const incoming = incomingRows.map((r) => presentFriendRequest(r, users.get(r.from_id)!, actor.user));
  const outgoing = sent.map((r) => presentFriendRequest(r, actor.user, users.get(r.to_id)!));
  return { incoming, outgoing, pendingCount: incoming.length };
}
