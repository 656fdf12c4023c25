import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { ConversationKind, Database, MemberRole } from '../store/tables.ts';

/** What a send needs to know about a conversation's people, as of one access_rev. */
export interface ConversationPeople {
  /** conversations.access_rev this was read at. */
  rev: number;
  kind: ConversationKind;
  members: Map<string, { role: MemberRole; mutedUntil: string | null }>;
  /** The members' ids, once, for the audience of every message. */
  ids: string[];
  /** Direct conversations: either of the pair blocked the other. */
  blocked: boolean;
  /** Direct conversations: the pair are friends. */
  friends: boolean;
}

/**
 * Members, roles, mutes and (for a direct conversation) the pair's block and friendship, cached
 * per conversation and tagged with the `access_rev` they were read at. Every change to any of
 * them bumps the conversation's access_rev in its own transaction (store/members.ts,
 * store/blocks.ts, store/friends.ts, store/groups.ts). A sender reads the rev under the
 * conversation's row lock, so a matching entry is exactly what is committed: no invalidation
 * messages, and several nodes sharing one database stay right with their own caches.
 */
export class MemberCache {
  private readonly entries: LRUCache<string, ConversationPeople>;

  constructor(maxConversations = 10_000) {
    this.entries = new LRUCache({ max: maxConversations });
  }

  /** The people of `conversationId` at `rev`; reads them (in `db`'s transaction) when the cached entry is older. */
  async get(
    db: Kysely<Database>,
    conversationId: string,
    kind: ConversationKind,
    rev: number,
  ): Promise<ConversationPeople> {
    const cached = this.entries.get(conversationId);
    if (cached && cached.rev === rev) return cached;
    const people = await readPeople(db, conversationId, kind, rev);
    this.entries.set(conversationId, people);
    return people;
  }
}

async function readPeople(
  db: Kysely<Database>,
  conversationId: string,
  kind: ConversationKind,
  rev: number,
): Promise<ConversationPeople> {
  const rows = await db
    .selectFrom('members')
    .select(['user_id', 'role', 'muted_until'])
    .where('conversation_id', '=', conversationId)
    .execute();
  const people: ConversationPeople = {
    rev,
    kind,
    members: new Map(rows.map((r) => [r.user_id, { role: r.role, mutedUntil: r.muted_until }])),
    ids: rows.map((r) => r.user_id),
    blocked: false,
    friends: false,
  };
  if (kind === 'direct' && rows.length === 2) {
    const [a, b] = people.ids as [string, string];
    const block = await db
      .selectFrom('blocks')
      .select('user_id')
      .where((eb) =>
        eb.or([
          eb.and([eb('user_id', '=', a), eb('blocked_id', '=', b)]),
          eb.and([eb('user_id', '=', b), eb('blocked_id', '=', a)]),
        ]),
      )
      .executeTakeFirst();
    const friendship = await db
      .selectFrom('friendships')
      .select('user_id')
      .where('user_id', '=', a)
      .where('friend_id', '=', b)
      .executeTakeFirst();
    people.blocked = block !== undefined;
    people.friends = friendship !== undefined;
  }
  return people;
}
