import type { Conversation } from '@parley/protocol';
import type { Kysely } from 'kysely';
import { presentConversation, presentMessage } from '../../presenters/conversations.ts';
import { presentUser } from '../../presenters/users.ts';
import { extrasFor } from '../../store/message-extras.ts';
import {
  type ConversationWithReadState,
  directPeersOf,
  lastMessagesOf,
  readReceiptsOn,
} from '../../store/read-state.ts';
import type { Database } from '../../store/tables.ts';

/**
 * Turns rows of `conversationsWithReadState` into the caller's Conversations, with previews
 * and receipts, in at most five more queries whatever the number of rows (never one per
 * conversation): the newest messages, their replies and reactions, the direct peers, and the
 * caller's own receipt setting (read fresh: a socket's copy of the user may be old).
 */
export async function presentViews(
  db: Kysely<Database>,
  userId: string,
  rows: ConversationWithReadState[],
): Promise<Conversation[]> {
  const directIds = rows.filter((r) => r.kind === 'direct').map((r) => r.id);
  const lastRows = await lastMessagesOf(
    db,
    userId,
    rows.map((r) => r.id),
  );
  const extras = await extrasFor(db, [...lastRows.values()]);
  const peers = await directPeersOf(db, userId, directIds);
  const mineShown = directIds.length > 0 && (await readReceiptsOn(db, userId));
  return rows.map((row) => {
    const {
      my_role,
      my_muted_until,
      my_read_seq,
      my_pinned_at,
      my_notifications_muted,
      unread_count,
      mention_count,
      ...conversation
    } = row;
    const peer = peers.get(row.id);
    const last = lastRows.get(row.id);
    return presentConversation(
      conversation,
      {
        role: my_role,
        muted_until: my_muted_until,
        last_read_seq: my_read_seq,
        pinned_at: my_pinned_at,
        notifications_muted: my_notifications_muted,
      },
      peer ? presentUser(peer.user) : null,
      {
        unreadCount: Number(unread_count),
        mentionCount: Number(mention_count ?? 0),
        lastMessage: last ? presentMessage(last, extras.get(last.id)) : null,
        // Receipts are mutual: hidden when either of the two has them off.
        peerReadSeq: peer && mineShown && peer.user.read_receipts === 1 ? peer.readSeq : null,
      },
    );
  });
}
