import type { ReadResult } from '@parley/protocol';
import { accessConversation } from '../../access/conversations.ts';
import type { Caller } from '../../access/session.ts';
import { type Services, transact } from '../../services.ts';
import {
  conversationsWithReadState,
  directPeersOf,
  moveReadCursor,
  readReceiptsOn,
} from '../../store/read-state.ts';

/**
 * Moves the caller's read cursor to `seq` — forward only, and never past the conversation's
 * lastSeq — and answers where it stands with the badges that follow. When it moved, after
 * commit: `read.updated` to every socket of the caller (their other devices clear the badge;
 * the event holds absolute values, so the reading socket may apply it too), and in a direct
 * conversation `receipt.updated` to the other person if both have read receipts on. Groups
 * send no live receipts: a read would be news to every member, so a group of n reading each
 * other's messages would cost n² events; members ask who has read a message when they look
 * (`GET /conversations/{id}/messages/{seq}/readers`).
 */
export async function markRead(
  services: Services,
  actor: Caller,
  conversationId: string,
  seq: number,
): Promise<ReadResult> {
  const me = actor.user.id;
  return transact(services, async (tx, emit) => {
    const { conversation } = await accessConversation(tx, me, conversationId);
    const moved = await moveReadCursor(tx, conversationId, me, Math.min(seq, conversation.last_seq));
    const [row] = await conversationsWithReadState(tx, me, conversationId);
    const state: ReadResult = {
      conversationId,
      readSeq: row!.my_read_seq,
      unreadCount: Number(row!.unread_count),
      mentionCount: Number(row!.mention_count ?? 0),
    };
    if (!moved) return state;
    emit({ to: { users: [me] }, event: { event: 'read.updated', data: state } });
    if (conversation.kind === 'direct') {
      const peer = (await directPeersOf(tx, me, [conversationId])).get(conversationId);
      if (peer && peer.user.read_receipts === 1 && (await readReceiptsOn(tx, me))) {
        emit({
          to: { users: [peer.user.id] },
          event: { event: 'receipt.updated', data: { conversationId, userId: me, readSeq: state.readSeq } },
        });
      }
    }
    return state;
  });
}
