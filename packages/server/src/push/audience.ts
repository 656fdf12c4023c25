import { type Kysely, sql } from 'kysely';
import type { PushTarget } from '../store/push-subscriptions.ts';
import type { ConversationKind, Database, MessageRow } from '../store/tables.ts';

/** A subscription a message may be pushed to, with what its payload needs to know of its owner. */
export interface Recipient extends PushTarget {
  /** The recipient's private name for the sender (a friend's remark), if they gave one. */
  remark: string | null;
}

/** The users a message's mentions name (commit-sends.ts keeps them in `data`). */
export function mentionsOf(row: MessageRow): string[] {
  if (!row.data) return [];
  const data = JSON.parse(row.data) as { mentions?: unknown };
  return Array.isArray(data.mentions) ? data.mentions.filter((id) => typeof id === 'string') : [];
}

/**
 * The subscriptions a new message is pushed to, before anyone's presence is asked: in a
 * direct conversation the other person's, in a group (or the lobby) those of the members it
 * @mentions. Never the sender's, nobody's who muted the conversation's notifications, nobody's
 * who blocked the sender. One query.
 */
export async function pushCandidates(
  db: Kysely<Database>,
  row: MessageRow,
  kind: ConversationKind,
): Promise<Recipient[]> {
  const senderId = row.sender_id;
  if (senderId === null) return [];
  const mentioned = kind === 'direct' ? [] : mentionsOf(row);
  if (kind !== 'direct' && mentioned.length === 0) return [];
  return db
    .selectFrom('push_subscriptions')
    .innerJoin('users', 'users.id', 'push_subscriptions.user_id')
    .innerJoin('members', (join) =>
      join
        .onRef('members.user_id', '=', 'push_subscriptions.user_id')
        .on('members.conversation_id', '=', row.conversation_id),
    )
    .leftJoin('friendships', (join) =>
      join
        .onRef('friendships.user_id', '=', 'push_subscriptions.user_id')
        .on('friendships.friend_id', '=', senderId),
    )
    .selectAll('push_subscriptions')
    .select(['users.push_preview', 'friendships.remark'])
    .where('push_subscriptions.user_id', '!=', senderId)
    .$if(kind !== 'direct', (q) => q.where('push_subscriptions.user_id', 'in', mentioned))
    .where('members.notifications_muted', '=', 0)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('blocks')
            .select(sql.lit(1).as('one'))
            .whereRef('blocks.user_id', '=', 'push_subscriptions.user_id')
            .where('blocks.blocked_id', '=', senderId),
        ),
      ),
    )
    .execute();
}
