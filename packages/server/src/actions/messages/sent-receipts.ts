import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import { showingReadReceipts } from '../../store/read-state.ts';
import type { Database } from '../../store/tables.ts';

/** Where a sender's read cursor ends in one conversation after the batch. */
export interface SentCursor {
  conversationId: string;
  userId: string;
  seq: number;
  /** Direct conversations: the other person. */
  peerId: string | undefined;
  /** The events of the sender's last send there, published after the commit. */
  events: Envelope[];
}

/**
 * A send moves the sender's read cursor as a `read` would, so in a direct conversation the
 * other person hears it as markRead would tell them: `receipt.updated` when both show read
 * receipts. Without it a quick reply (which reads their message with no `read` of its own,
 * and makes the later `read` a no-op) would leave their messages shown unread. Groups get no
 * live receipts, as with markRead. The settings are read in the batch's transaction, in one
 * query; the event goes after the sender's last send in that conversation.
 */
export async function addReceipts(tx: Kysely<Database>, cursors: SentCursor[]): Promise<void> {
  const direct = cursors.filter((c) => c.peerId !== undefined);
  if (direct.length === 0) return;
  const shown = await showingReadReceipts(tx, [...new Set(direct.flatMap((c) => [c.userId, c.peerId!]))]);
  for (const { conversationId, userId, peerId, seq, events } of direct) {
    if (!shown.has(userId) || !shown.has(peerId!)) continue;
    events.push({
      to: { users: [peerId!] },
      event: { event: 'receipt.updated', data: { conversationId, userId, readSeq: seq } },
    });
  }
}
