import type { Readers } from '@parley/protocol';
import { accessConversation } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { presentUser } from '../../presenters/users.ts';
import type { Services } from '../../services.ts';
import { messageAtSeq, readReceiptsOn, readersOf } from '../../store/read-state.ts';

/**
 * Who has read the message at `seq`: members other than its sender whose cursor reached it,
 * among those who show receipts. Receipts are mutual, so a caller who hides their own is
 * refused rather than shown an empty list that would look like "nobody read it".
 */
export async function listReaders(
  services: Services,
  actor: Actor,
  conversationId: string,
  seq: number,
): Promise<Readers> {
  const db = services.store.db;
  await accessConversation(db, actor.user.id, conversationId);
  if (!(await readReceiptsOn(db, actor.user.id))) {
    throw new AppError(
      'forbidden',
      'your read receipts are off: turn them on (PATCH /me/settings) to see who has read messages',
    );
  }
  const message = await messageAtSeq(db, conversationId, seq);
  if (!message)
    throw new AppError('not_found', 'no message with that seq in this conversation', { field: 'seq' });
  const readers = await readersOf(db, message);
  return { count: readers.length, readers: readers.map(presentUser) };
}
