import type { Actor } from '../../access/session.ts';
import { accessConversation } from '../../access/conversations.ts';
import { presentMessage } from '../../presenters/conversations.ts';
import type { Services } from '../../services.ts';
import { pageBefore } from '../../store/messages.ts';

/** A page of a conversation's history before a seq, oldest first; `hasMore` says if older ones exist. */
export async function pageMessages(
  services: Services,
  actor: Actor,
  id: string,
  query: { before?: number | undefined; limit: number },
) {
  await accessConversation(services.store.db, actor.user.id, id);
  const rows = await pageBefore(services.store.db, id, query.before, query.limit + 1);
  const hasMore = rows.length > query.limit;
  return { messages: (hasMore ? rows.slice(1) : rows).map(presentMessage), hasMore };
}
