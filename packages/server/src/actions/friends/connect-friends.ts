import type { Friend } from '@parley/protocol';
import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import type { Presence } from '../../fanout/presence.ts';
import { now } from '../../ids.ts';
import {
  decideRequest,
  type FriendRequestRecord,
  insertFriendship,
  openRequestsFrom,
} from '../../store/friends.ts';
import type { Database } from '../../store/tables.ts';
import { ensureDirectConversation } from '../conversations/ensure-direct.ts';
import { postNotice } from '../conversations/post-notice.ts';
import { loadFriend } from './load-friend.ts';

/**
 * Makes the sender and the recipient of an accepted request friends, inside the caller's
 * transaction (the caller has already moved `request` to accepted): both friendship rows, the
 * pair's direct conversation (new or their old one), a `friends.connected` notice in it, and
 * `friend.accepted` to each with their own view of the other. Each also hears the other's
 * presence if they are online, since friends see each other's presence from now on (asked of
 * `presence` for the two of them only, within the transaction: one round trip to Redis with
 * several nodes, none with one). Returns the accepter's view of the requester.
 */
export async function connectFriends(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  request: FriendRequestRecord,
  presence: Pick<Presence, 'onlineAmong'>,
): Promise<Friend> {
  const { from_id: requester, to_id: accepter } = request;
  const at = now();
  // Requests crossing each other (both asked at once) are fulfilled too: nothing stays open
  // between two friends. Clients drop every request between the pair on friend.accepted.
  for (const [a, b] of [
    [requester, accepter],
    [accepter, requester],
  ] as const) {
    for (const other of await openRequestsFrom(tx, a, b)) {
      await decideRequest(tx, other.id, ['pending', 'ignored'], 'accepted', at);
    }
  }
  await insertFriendship(tx, requester, accepter, at);
  const conversation = await ensureDirectConversation(tx, emit, requester, accepter);
  await postNotice(tx, emit, conversation.id, {
    type: 'friends.connected',
    actorId: accepter,
    userIds: [requester],
  });
  const online = await presence.onlineAmong([requester, accepter]);
  const accepterView = (await loadFriend(tx, accepter, requester, online))!;
  const requesterView = (await loadFriend(tx, requester, accepter, online))!;
  const views = [
    [accepter, accepterView],
    [requester, requesterView],
  ] as const;
  for (const [viewer, friend] of views) {
    emit({
      to: { users: [viewer] },
      event: { event: 'friend.accepted', data: { requestId: request.id, friend } },
    });
  }
  for (const [viewer, friend] of views) {
    if (!friend.online) continue;
    emit({
      to: { users: [viewer] },
      event: { event: 'presence.changed', data: { userId: friend.user.id, online: true, lastSeenAt: at } },
    });
  }
  return accepterView;
}
