import type { Conversation, Friend } from '@parley/protocol';

/** The chat list's order, as the server gives it: pinned first (latest pinned on top), then latest activity. */
export function sortConversations(list: readonly Conversation[]): Conversation[] {
  return [...list].sort((a, b) => {
    if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
    if (a.pinned && b.pinned) return (b.pinnedAt ?? '').localeCompare(a.pinnedAt ?? '');
    return activityOf(b).localeCompare(activityOf(a)) || a.id.localeCompare(b.id);
  });
}

/** When a conversation last moved: its last message, else its creation. */
export function activityOf(c: Conversation): string {
  const last = c.lastMessage?.createdAt ?? '';
  return last > c.createdAt ? last : c.createdAt;
}

/** How a friend is called in my lists: my remark, else their display name. */
export function nameOf(friend: Friend): string {
  return friend.remark || friend.user.displayName;
}

/** Friends by the name I call them, then by id (two friends may share a name). */
export function sortFriends(list: readonly Friend[]): Friend[] {
  return [...list].sort((a, b) => nameOf(a).localeCompare(nameOf(b)) || a.user.id.localeCompare(b.user.id));
}

/** Newest first, as the server lists requests and invitations. */
export function newestFirst<T extends { createdAt: string; id: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

/** `list` with `item` in place of the one with the same key (or added), in `order`. */
export function upsert<T>(list: readonly T[], item: T, key: (t: T) => string, order: (l: T[]) => T[]): T[] {
  const id = key(item);
  return order([...list.filter((t) => key(t) !== id), item]);
}
