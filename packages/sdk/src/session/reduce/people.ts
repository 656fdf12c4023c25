import type { Friend, FriendRequest, ServerEvents } from '@parley/protocol';
import { newestFirst, sortFriends, upsert } from '../order.ts';
import type { SessionState } from '../session-state.ts';
import type { Effects } from './effects.ts';
import { presenceInLists } from './online-in.ts';
import { meet } from './users.ts';

/**
 * Someone I may see came online or went offline. A friend's `lastSeenAt` is when they were
 * last seen going offline (what a fresh load gives), so it moves only when they go; a hidden
 * one's (`null`: they stopped letting me see them) keeps the time I had.
 */
export function presenceChanged(
  state: SessionState,
  p: ServerEvents['presence.changed'],
  fx: Effects,
): SessionState {
  const has = state.online.has(p.userId);
  const online = has === p.online ? state.online : toggled(state.online, p.userId, p.online);
  const friends = state.friends.some((f) => f.user.id === p.userId)
    ? state.friends.map((f) =>
        f.user.id === p.userId
          ? { ...f, online: p.online, lastSeenAt: p.online ? f.lastSeenAt : (p.lastSeenAt ?? f.lastSeenAt) }
          : f,
      )
    : state.friends;
  const next = online === state.online && friends === state.friends ? state : { ...state, online, friends };
  return presenceInLists(next, p.userId, p.online, fx);
}

function toggled(set: ReadonlySet<string>, id: string, on: boolean): ReadonlySet<string> {
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

/** A new request: mine to someone (outgoing) or someone's to me (incoming). */
export function friendRequested(state: SessionState, r: FriendRequest): SessionState {
  const next = meet(state, [r.from, r.to]);
  const key = (x: FriendRequest) => x.id;
  if (r.to.id === state.me.id) return { ...next, incoming: upsert(next.incoming, r, key, newestFirst) };
  return { ...next, outgoing: upsert(next.outgoing, r, key, newestFirst) };
}

/** A request was answered or withdrawn: the lists hold open requests only. */
export function requestClosed(state: SessionState, requestId: string): SessionState {
  if (!state.incoming.some((r) => r.id === requestId) && !state.outgoing.some((r) => r.id === requestId))
    return state;
  return {
    ...state,
    incoming: state.incoming.filter((r) => r.id !== requestId),
    outgoing: state.outgoing.filter((r) => r.id !== requestId),
  };
}

/** Accepted: a new friend (with their presence), and the request is no longer open. */
export function friendAccepted(
  state: SessionState,
  { requestId, friend }: ServerEvents['friend.accepted'],
  fx: Effects,
): SessionState {
  const next = friendUpdated(requestClosed(state, requestId), friend);
  // Being friends lets each see the other's presence; the event says whether they are online.
  fx.reload('online');
  return next;
}

export function friendUpdated(state: SessionState, friend: Friend): SessionState {
  const next = meet(state, [friend.user]);
  return { ...next, friends: upsert(next.friends, friend, (f) => f.user.id, sortFriends) };
}

export function friendRemoved(state: SessionState, userId: string, fx: Effects): SessionState {
  fx.reload('online');
  if (!state.friends.some((f) => f.user.id === userId)) return state;
  return { ...state, friends: state.friends.filter((f) => f.user.id !== userId) };
}

/**
 * A block (made on any of my devices) ends a friendship, hides presence both ways and drops
 * requests between us; the event carries only the id, so the server is asked for each.
 */
export function blockChanged(state: SessionState, fx: Effects): SessionState {
  for (const part of ['blocks', 'friends', 'requests', 'online'] as const) fx.reload(part);
  return state;
}

export function unblocked(state: SessionState, userId: string, fx: Effects): SessionState {
  fx.reload('online');
  // A blocked friend shows `online: false, lastSeenAt: null`; unblocked, the friend list
  // shows their real presence again, which the event does not carry.
  fx.reload('friends');
  if (!state.blocks.some((b) => b.user.id === userId)) return state;
  return { ...state, blocks: state.blocks.filter((b) => b.user.id !== userId) };
}
