import type { Conversation } from '@parley/protocol';
import { accessConversation } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { conversationsWithReadState } from '../../store/read-state.ts';
import { presentViews } from '../read/present-views.ts';

/** One of the caller's conversations, as the list shows it (badges, preview, receipts). */
export async function showConversation(services: Services, actor: Actor, id: string): Promise<Conversation> {
  const db = services.store.db;
  await accessConversation(db, actor.user.id, id);
  const rows = await conversationsWithReadState(db, actor.user.id, id);
  const [conversation] = await presentViews(db, actor.user.id, rows);
  // Left, removed or dissolved between the two reads: as gone as if that had come first.
  if (!conversation) throw new AppError('not_found', 'no such conversation');
  return conversation;
}
