import type { Member } from '@parley/protocol';
import type { HttpClient } from '@parley/sdk';

/** Members per conversation for @mention suggestions, fetched once per conversation and session. */
const cache = new Map<string, Promise<Member[]>>();

export function membersOf(http: HttpClient, conversationId: string): Promise<Member[]> {
  let members = cache.get(conversationId);
  if (!members) {
    members = http.conversations.members(conversationId).then((list) => list.members);
    // A failure (offline) is not remembered: the next '@' asks again.
    members.catch(() => cache.delete(conversationId));
    cache.set(conversationId, members);
  }
  return members;
}
