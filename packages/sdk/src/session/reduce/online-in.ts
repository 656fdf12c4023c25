import { type PublicUser, compareOnline, limits } from '@parley/protocol';
import type { OnlineList, SessionState } from '../session-state.ts';
import type { Effects } from './effects.ts';

/**
 * The held online lists (`SessionState.onlineIn`, PROTOCOL.md `GET /conversations/{id}/online`)
 * kept as a fresh load would give them. What the events say is applied here; what they cannot
 * say — whether someone coming online is a member when the members are not held, who moves up
 * past the cut when a listed one leaves — is asked of the server (`fx.reloadOnline`).
 */

/** A list in the server's order, cut where the server cuts it. */
export function onlineList(users: readonly PublicUser[], total: number): OnlineList {
  return { userIds: [...users].sort(compareOnline).map((u) => u.id), total };
}

/** The list is cut: someone online may be past its end. */
const cut = (list: OnlineList) => list.total > list.userIds.length;

function withList(state: SessionState, conversationId: string, list: OnlineList): SessionState {
  return { ...state, onlineIn: { ...state.onlineIn, [conversationId]: list } };
}

/** Someone I may see came online or went offline (or stopped or started letting me see them). */
export function presenceInLists(
  state: SessionState,
  userId: string,
  online: boolean,
  fx: Effects,
): SessionState {
  let next = state;
  for (const [id, list] of Object.entries(state.onlineIn)) {
    const named = list.userIds.includes(userId);
    if (!online) {
      if (cut(list)) fx.reloadOnline(id);
      if (named)
        next = withList(next, id, {
          userIds: list.userIds.filter((u) => u !== userId),
          total: list.total - 1,
        });
      continue;
    }
    if (named) continue;
    const members = state.members[id];
    const user = state.users[userId];
    if (!members || !user) {
      fx.reloadOnline(id);
      continue;
    }
    if (!members.some((m) => m.user.id === userId)) continue;
    next = withList(next, id, inserted(next, list, userId));
  }
  return next;
}

/** `userId` put in its place, the list cut again at limits.onlineListMax. */
function inserted(state: SessionState, list: OnlineList, userId: string): OnlineList {
  const profile = (id: string) => state.users[id] ?? { id, displayName: '' };
  const userIds = [...list.userIds, userId]
    .sort((a, b) => compareOnline(profile(a), profile(b)))
    .slice(0, limits.onlineListMax);
  return { userIds, total: list.total + 1 };
}

/** A member left or was removed (not me: my own leaving drops the conversation and its list). */
export function memberLeftList(
  state: SessionState,
  conversationId: string,
  userId: string,
  fx: Effects,
): SessionState {
  const list = state.onlineIn[conversationId];
  if (!list) return state;
  if (cut(list)) fx.reloadOnline(conversationId);
  if (!list.userIds.includes(userId)) return state;
  return withList(state, conversationId, {
    userIds: list.userIds.filter((u) => u !== userId),
    total: list.total - 1,
  });
}

/** A listed user's name changed: their place in the order may have too. */
export function renamedInLists(state: SessionState, userId: string, fx: Effects): SessionState {
  let next = state;
  for (const [id, list] of Object.entries(state.onlineIn)) {
    const named = list.userIds.includes(userId);
    // Someone not listed matters only if they may be: online and past the cut.
    if (!named && !(cut(list) && state.online.has(userId))) continue;
    if (cut(list)) {
      fx.reloadOnline(id);
      continue;
    }
    const rest = { userIds: list.userIds.filter((u) => u !== userId), total: list.total - 1 };
    next = withList(next, id, inserted(next, rest, userId));
  }
  return next;
}
