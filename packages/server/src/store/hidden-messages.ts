import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Database, MessageRow } from './tables.ts';

type Db = Kysely<Database>;

/** Hides messages from `userId`'s own view; hiding one already hidden changes nothing. */
export async function hideMessagesFor(
  db: Db,
  userId: string,
  messages: readonly Pick<MessageRow, 'id' | 'conversation_id'>[],
  at: string,
): Promise<void> {
  if (messages.length === 0) return;
  await db
    .insertInto('hidden_messages')
    .values(
      messages.map((m) => ({
        user_id: userId,
        message_id: m.id,
        conversation_id: m.conversation_id,
        hidden_at: at,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'message_id']).doNothing())
    .execute();
}

/**
 * A condition on `messages`: not hidden by `userId` (one primary-key probe per message).
 * What every read of a history as one person sees it adds (PROTOCOL.md, Delete for me).
 */
export function notHiddenBy(userId: string) {
  return (eb: ExpressionBuilder<Database, 'messages'>) =>
    eb.not(
      eb.exists(
        eb
          .selectFrom('hidden_messages')
          .select(sql.lit(1).as('one'))
          .where('hidden_messages.user_id', '=', userId)
          .whereRef('hidden_messages.message_id', '=', 'messages.id'),
      ),
    );
}
