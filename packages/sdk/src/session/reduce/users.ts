import type { PublicUser } from '@parley/protocol';
import type { SessionState } from '../session-state.ts';

/** Adds people met (a member, a requester, a peer) to `users`; the same state when nothing is new. */
export function meet(state: SessionState, people: readonly PublicUser[]): SessionState {
  const fresh = people.filter((u) => state.users[u.id] !== u && !sameUser(state.users[u.id], u));
  if (fresh.length === 0) return state;
  const users = { ...state.users };
  for (const user of fresh) users[user.id] = user;
  return { ...state, users };
}

/** Same fields, same values (PublicUser's fields are all plain). */
const sameUser = (a: PublicUser | undefined, b: PublicUser) =>
  a !== undefined &&
  (Object.keys(b) as (keyof PublicUser)[]).every((k) => a[k] === b[k]) &&
  Object.keys(a).length === Object.keys(b).length;

/**
 * A user changed their name, bio or avatar: every place that shows them shows the new one
 * (a fresh load would), me included.
 */
export function userUpdated(state: SessionState, user: PublicUser): SessionState {
  const swap = <T extends { user: PublicUser }>(list: readonly T[]) =>
    list.some((x) => x.user.id === user.id)
      ? list.map((x) => (x.user.id === user.id ? { ...x, user } : x))
      : list;
  const members = Object.fromEntries(Object.entries(state.members).map(([id, list]) => [id, swap(list)]));
  const peer = (c: SessionState['conversations'][number]) =>
    c.peer?.id === user.id ? { ...c, peer: user } : c;
  return {
    ...state,
    me: state.me.id === user.id ? { ...state.me, ...user } : state.me,
    users: { ...state.users, [user.id]: user },
    friends: swap(state.friends),
    blocks: swap(state.blocks),
    members,
    conversations: state.conversations.some((c) => c.peer?.id === user.id)
      ? state.conversations.map(peer)
      : state.conversations,
    // Both ends of every request: my own requests show me too (`to` of incoming, `from` of outgoing).
    incoming: state.incoming.map((r) => withParties(r, user)),
    outgoing: state.outgoing.map((r) => withParties(r, user)),
    invitations: state.invitations.map((i) => (i.inviter.id === user.id ? { ...i, inviter: user } : i)),
    joinRequests: state.joinRequests.map((j) => (j.applicant.id === user.id ? { ...j, applicant: user } : j)),
  };
}

function withParties<R extends { from: PublicUser; to: PublicUser }>(request: R, user: PublicUser): R {
  if (request.from.id !== user.id && request.to.id !== user.id) return request;
  return {
    ...request,
    from: request.from.id === user.id ? user : request.from,
    to: request.to.id === user.id ? user : request.to,
  };
}
