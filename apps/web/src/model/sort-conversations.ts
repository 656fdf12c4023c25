import type { Conversation } from '@parley/protocol';

/** The list's order, as the server gives it: pinned first (latest pinned on top), then latest activity. */
export function sortConversations(list: Conversation[]): Conversation[] {
  return [...list].sort((a, b) => {
    if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
    if (a.pinned && b.pinned) return (b.pinnedAt ?? '').localeCompare(a.pinnedAt ?? '');
    return activityOf(b).localeCompare(activityOf(a));
  });
}

export function activityOf(c: Conversation): string {
  const last = c.lastMessage?.createdAt ?? '';
  return last > c.createdAt ? last : c.createdAt;
}
