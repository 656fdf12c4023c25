import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Presence } from '../fanout/presence.ts';
import type { Store } from '../store/connect.ts';
import { deleteSubscriptionByEndpoint } from '../store/push-subscriptions.ts';
import type { ConversationKind, MessageRow } from '../store/tables.ts';
import { type Recipient, mentionsOf, pushCandidates } from './audience.ts';
import { type Signer, deliverPush } from './deliver.ts';
import { type PushContext, pushPayload } from './payload.ts';
import { WorkQueue } from './work-queue.ts';
import type { StoredFor } from '../actions/messages/commit-sends.ts';

export interface PushDeps {
  store: Store;
  presence: Presence;
  log: Logger;
  /** Whether the user has a socket open on this node: online without asking presence. */
  connectedHere?: (userId: string) => boolean;
}

/** Pushes under way at once (each an HTTPS request to a push service, or a lookup before them). */
const concurrency = 8;
/** Pushes waiting beyond the running ones; past this a burst's extra pushes are dropped. */
const waitingMax = 10_000;

/**
 * Web Push for messages (docs/architecture.md, "Push notifications"): after a message is
 * committed and published, the devices of people it concerns who have no socket open anywhere
 * in the cluster hear of it through their browser's push service — a direct message, or a
 * group message that @mentions them, unless they muted the conversation or blocked the sender.
 *
 * Nothing here may slow or fail a send: `messageStored` only queues (or drops, when the queue
 * is full) and returns; the lookups and requests run in the background, a few at a time, and
 * their failures are logged. The node that stored a message is the one that pushes it.
 */
export class PushSender {
  private readonly queue: WorkQueue;
  /** A conversation's kind never changes: group messages without mentions cost no query. */
  private readonly kinds = new LRUCache<string, ConversationKind>({ max: 10_000 });
  private closed = false;

  constructor(
    private readonly deps: PushDeps,
    private readonly signer: Signer,
  ) {
    this.queue = new WorkQueue(concurrency, waitingMax, (err) => deps.log.warn({ err }, 'push failed'));
  }

  get publicKey(): string {
    return this.signer.keys.publicKey;
  }

  /**
   * A message was committed and published (send-batcher.ts), with its conversation's kind and
   * members when the sender knows them. Returns at once.
   */
  messageStored(row: MessageRow, storedFor?: StoredFor): void {
    // System notices have no sender; a group message without mentions concerns nobody's phone.
    if (this.closed || row.sender_id === null) return;
    if (storedFor) this.kinds.set(row.conversation_id, storedFor.kind);
    const kind = this.kinds.get(row.conversation_id);
    if (kind && kind !== 'direct' && mentionsOf(row).length === 0) return;
    if (kind && storedFor && this.allHere(row, kind, storedFor.memberIds)) return;
    this.enqueue(() => this.fanOut(row, kind, storedFor?.memberIds));
  }

  /**
   * Whether everyone the message concerns has a socket open on this node: then nobody is
   * pushed, and a busy chat (a message each time, its people online here) queues nothing and
   * asks nothing; fanOut asks presence about anyone else.
   */
  private allHere(row: MessageRow, kind: ConversationKind, memberIds: readonly string[]): boolean {
    const here = this.deps.connectedHere;
    if (!here) return false;
    const concerned = kind === 'direct' ? memberIds : mentionsOf(row).filter((id) => memberIds.includes(id));
    return concerned.every((id) => id === row.sender_id || here(id));
  }

  /** Resolves when every push queued so far has been answered or given up (tests, shutdown). */
  settled(): Promise<void> {
    return this.queue.idle();
  }

  /** Queues nothing more; waits up to `graceMs` for pushes under way. */
  async close(graceMs: number): Promise<void> {
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.settled(), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }

  private enqueue(task: () => Promise<void>): void {
    if (!this.queue.add(task)) this.deps.log.warn('push queue full: a push was dropped');
  }

  private async fanOut(
    row: MessageRow,
    known: ConversationKind | undefined,
    memberIds: readonly string[] | undefined,
  ): Promise<void> {
    // Who it could concern is known without a query: when they all have a socket open, which
    // is the usual case for a busy chat, there is nothing to push and nothing to look up.
    if (known && memberIds && (await this.allOnline(row, known, memberIds))) return;
    const { db } = this.deps.store;
    const conversation = await db
      .selectFrom('conversations')
      .select(['kind', 'name'])
      .where('id', '=', row.conversation_id)
      .executeTakeFirst();
    if (!conversation) return;
    if (!known) this.kinds.set(row.conversation_id, conversation.kind);
    const candidates = await pushCandidates(db, row, conversation.kind);
    if (candidates.length === 0) return;
    // A socket open anywhere (another node too) means the app shows it there: no push.
    const online = await this.deps.presence.onlineAmong([...new Set(candidates.map((c) => c.user_id))]);
    const offline = candidates.filter((c) => !online.has(c.user_id));
    if (offline.length === 0) return;
    const sender = await db
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', row.sender_id!)
      .executeTakeFirst();
    const context: PushContext = {
      kind: conversation.kind,
      conversationName: conversation.name,
      senderName: sender?.display_name ?? '',
    };
    for (const recipient of offline) this.enqueue(() => this.deliver(row, context, recipient));
  }

  /** Whether everyone the message may be pushed to (pushCandidates, before its lookups) is online. */
  private async allOnline(
    row: MessageRow,
    kind: ConversationKind,
    memberIds: readonly string[],
  ): Promise<boolean> {
    const members = new Set(memberIds);
    const concerned = (kind === 'direct' ? memberIds : mentionsOf(row)).filter(
      (id) => id !== row.sender_id && members.has(id),
    );
    if (concerned.length === 0) return true;
    const online = await this.deps.presence.onlineAmong([...new Set(concerned)]);
    return concerned.every((id) => online.has(id));
  }

  private async deliver(row: MessageRow, context: PushContext, recipient: Recipient): Promise<void> {
    const delivery = await deliverPush(
      recipient,
      pushPayload(row, context, recipient),
      topicOf(row),
      this.signer,
    );
    if (delivery.outcome === 'gone') {
      // The browser unsubscribed, or the service expired it: it will never take a push again.
      await deleteSubscriptionByEndpoint(this.deps.store.db, recipient.endpoint);
    } else if (delivery.outcome === 'failed') {
      const { status, error } = delivery;
      this.deps.log.info(
        { status, err: error, endpoint: new URL(recipient.endpoint).origin },
        'push not taken',
      );
    }
  }
}

/** RFC 8030 Topic: at most 32 base64url characters, the same for every push of a conversation. */
function topicOf(row: MessageRow): string {
  return createHash('sha256').update(row.conversation_id).digest('base64url').slice(0, 32);
}
