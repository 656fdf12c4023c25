import type { Kysely } from 'kysely';
import { type ConversationAccess, accessConversation } from '../../access/conversations.ts';
import { AppError } from '../../errors.ts';
import { lockMessage } from '../../store/message-updates.ts';
import { messageById } from '../../store/messages.ts';
import type { Database, MessageRow } from '../../store/tables.ts';

export interface MessageAccess extends ConversationAccess {
  message: MessageRow;
}

/**
 * A message in a conversation the user is in. Any other message is "not found", exactly like
 * one that does not exist, so ids cannot be probed (HOUSE.md, habit 3). With `lock` (inside a
 * transaction) the row is also write-locked and read as it is under the lock, so the checks
 * that follow see what a concurrent edit, recall or reaction committed (lockMessage).
 */
export async function accessMessage(
  db: Kysely<Database>,
  userId: string,
  messageId: string,
  { lock = false }: { lock?: boolean } = {},
): Promise<MessageAccess> {
  const found = await messageById(db, messageId);
  if (!found) throw new AppError('not_found', 'no such message');
  let access: ConversationAccess;
  try {
    access = await accessConversation(db, userId, found.conversation_id);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found')
      throw new AppError('not_found', 'no such message');
    throw err;
  }
  const message = lock ? await lockMessage(db, messageId) : found;
  if (!message) throw new AppError('not_found', 'no such message');
  return { ...access, message };
}

/** Recalled messages and system notices take no edits, reactions or forwards. */
export function requireLiveText(message: MessageRow, what: string): void {
  if (message.kind === 'system') throw new AppError('forbidden', `system notices cannot be ${what}`);
  if (message.recalled_at) throw new AppError('recalled', 'that message was recalled');
}
