import type { ConversationList } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import type { Services } from '../../services.ts';
import { conversationsWithReadState } from '../../store/read-state.ts';
import { presentViews } from '../read/present-views.ts';

/**
 * Every conversation the caller is in — pinned first, then latest activity first — with the
 * caller's badges, the newest message and, in direct ones, the peer. A fixed number of
 * queries whatever the number of conversations (see presentViews).
 */
export async function listConversations(services: Services, actor: Actor): Promise<ConversationList> {
  const db = services.store.db;
  const rows = await conversationsWithReadState(db, actor.user.id);
  const conversations = await presentViews(db, actor.user.id, rows);
  return { conversations, totalUnread: conversations.reduce((sum, c) => sum + c.unreadCount, 0) };
}
