import type { SyncResult } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import type { Services } from '../../services.ts';
import { listConversations } from './list-conversations.ts';

/**
 * After a (re)connect the client says, per conversation, the seq it holds without a gap.
 * The answer: the conversations whose lastSeq passed that cursor, or that the client does not
 * know yet (new ones), and the ones it named that the user is no longer in. The client pages
 * each moved conversation `after` its cursor. One query for the list, whatever the count.
 */
export async function syncConversations(
  services: Services,
  actor: Actor,
  cursors: Record<string, number>,
): Promise<SyncResult> {
  const { conversations } = await listConversations(services, actor);
  const current = new Set(conversations.map((c) => c.id));
  return {
    conversations: conversations.filter((c) => cursors[c.id] === undefined || c.lastSeq > cursors[c.id]!),
    removed: Object.keys(cursors).filter((id) => !current.has(id)),
  };
}
