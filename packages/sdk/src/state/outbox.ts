import type { MessageAck } from '@parley/protocol';
import { newClientMsgId } from '../client-msg-id.ts';
import { ParleyError } from '../errors.ts';
import type { OutboxDeps, OutboxItem, SendOptions } from './outbox-item.ts';
import { type PersistedSend, isPersistedSend, persistedOf } from './persisted-send.ts';
import { Timers } from './timers.ts';

/** Failures after which the same send is tried again; every other refusal is final. */
const retryLater: Record<string, number> = { internal: 1000, network: 1000, bad_response: 1000 };

/**
 * Sends the user's messages and keeps each until the server acknowledges it (delivery
 * contract point 1). One send is in flight per conversation, so messages are stored in the
 * order they were written. A dropped socket or a missing ack sends again with the SAME
 * clientMsgId: the server answers a repeat with the first ack and stores nothing twice.
 * Unsent messages live in memory; an app that keeps them across reloads saves `unsent()` and
 * gives it back to `restore` (the SDK itself stores nothing).
 */
export class Outbox {
  private readonly items: OutboxItem[] = [];
  private readonly busy = new Set<string>();
  private readonly timers = new Timers();
  private lastCreated = 0;
  private readonly settle = new Map<string, { resolve(ack: MessageAck): void; reject(e: Error): void }>();

  constructor(private readonly deps: OutboxDeps) {}

  add(conversationId: string, text: string, options: SendOptions = {}): OutboxItem {
    // Strictly increasing, so that createdAt alone orders sends written in one millisecond.
    this.lastCreated = Math.max(Date.now(), this.lastCreated + 1);
    const createdAt = new Date(this.lastCreated).toISOString();
    const item = this.make({ clientMsgId: newClientMsgId(), conversationId, text, ...options, createdAt });
    this.items.push(item);
    this.deps.changed(item);
    this.pump(conversationId);
    return item;
  }

  /** What is not yet acknowledged (failed items too, marked), in the order written. */
  unsent(): PersistedSend[] {
    return this.items.map(persistedOf).filter((send) => send !== undefined);
  }

  /**
   * Takes back what `unsent` gave before a reload, with the same clientMsgIds, in createdAt
   * order and ahead of anything written later; failed ones come back failed. Entries that are
   * malformed, or whose clientMsgId is here already, are skipped. Returns the items added.
   */
  restore(saved: readonly PersistedSend[]): OutboxItem[] {
    const known = new Set(this.items.map((item) => item.clientMsgId));
    const added: OutboxItem[] = [];
    const time = (send: { createdAt: string }) => Date.parse(send.createdAt);
    for (const { failed, ...send } of saved.filter(isPersistedSend).sort((a, b) => time(a) - time(b))) {
      if (known.has(send.clientMsgId)) continue;
      known.add(send.clientMsgId);
      const item = this.make(send, failed && new ParleyError(failed.code, String(failed.message ?? '')));
      const later = this.items.findIndex((other) => time(other) > time(item));
      this.items.splice(later < 0 ? this.items.length : later, 0, item);
      added.push(item);
      this.lastCreated = Math.max(this.lastCreated, time(item));
      this.deps.changed(item);
    }
    for (const id of new Set(added.map((item) => item.conversationId))) this.pump(id);
    return added;
  }

  /** Items of a conversation not yet dropped (see `forget`), in the order written. */
  of(conversationId: string): OutboxItem[] {
    return this.items.filter((item) => item.conversationId === conversationId);
  }

  /** True while something is not yet acknowledged (failed items aside). */
  get unacked(): number {
    return this.items.filter((item) => item.status === 'queued' || item.status === 'sending').length;
  }

  /** Drops acknowledged items the history now holds (seq at or below `cursor`). */
  forget(conversationId: string, cursor: number): boolean {
    const before = this.items.length;
    for (let i = this.items.length - 1; i >= 0; i -= 1) {
      const item = this.items[i]!;
      if (item.conversationId === conversationId && item.ack && item.ack.seq <= cursor)
        this.items.splice(i, 1);
    }
    return this.items.length !== before;
  }

  /** Sends a failed item again, with its own clientMsgId; false when there is no such failed item. */
  retry(clientMsgId: string): boolean {
    const item = this.items.find((i) => i.clientMsgId === clientMsgId && i.status === 'failed');
    if (!item) return false;
    item.status = 'queued';
    this.deps.changed(item);
    this.pump(item.conversationId);
    return true;
  }

  /** Drops a failed item the user gave up on. */
  discard(clientMsgId: string): void {
    const index = this.items.findIndex((i) => i.clientMsgId === clientMsgId && i.status === 'failed');
    if (index >= 0) this.deps.changed(this.items.splice(index, 1)[0]!);
  }

  /** After a (re)connect: sends whatever waits, in every conversation. */
  resume(): void {
    for (const id of new Set(this.items.map((item) => item.conversationId))) this.pump(id);
  }

  /** The connection closed for good: nothing waiting can be sent any more. */
  failAll(error: ParleyError): void {
    for (const item of this.items) if (item.status === 'queued') this.fail(item, error);
  }

  dispose(): void {
    this.timers.clear();
  }

  /** A new item, queued, or failed with `error` (one restored as it was before a reload). */
  private make(send: Omit<PersistedSend, 'failed'>, error?: ParleyError): OutboxItem {
    const { clientMsgId } = send;
    const acked = new Promise<MessageAck>((resolve, reject) =>
      this.settle.set(clientMsgId, { resolve, reject }),
    );
    // A failure nobody awaits must not end the process as an unhandled rejection.
    acked.catch(() => {});
    const item: OutboxItem = {
      clientMsgId,
      conversationId: send.conversationId,
      text: send.text,
      ...(send.replyToId !== undefined && { replyToId: send.replyToId }),
      ...(send.attachmentId !== undefined && { attachmentId: send.attachmentId }),
      ...(send.stickerId !== undefined && { stickerId: send.stickerId }),
      createdAt: send.createdAt,
      status: 'queued',
      attempts: 0,
      acked,
    };
    if (error) {
      item.status = 'failed';
      item.error = error;
      this.settle.get(clientMsgId)?.reject(error);
      this.settle.delete(clientMsgId);
    }
    return item;
  }

  private pump(conversationId: string): void {
    if (this.busy.has(conversationId) || !this.deps.isOpen()) return;
    const item = this.items.find((i) => i.conversationId === conversationId && i.status === 'queued');
    if (!item) return;
    this.busy.add(conversationId);
    item.status = 'sending';
    item.attempts += 1;
    this.deps.changed(item);
    this.timers.deadline(this.deps.send(item), this.deps.ackTimeoutMs).then(
      (ack) => this.acknowledge(item, ack),
      (err: unknown) => this.failed(item, err),
    );
  }

  private acknowledge(item: OutboxItem, ack: MessageAck): void {
    this.busy.delete(item.conversationId);
    item.status = 'sent';
    item.ack = ack;
    delete item.error;
    this.settle.get(item.clientMsgId)?.resolve(ack);
    this.settle.delete(item.clientMsgId);
    this.deps.changed(item);
    this.pump(item.conversationId);
  }

  private failed(item: OutboxItem, err: unknown): void {
    this.busy.delete(item.conversationId);
    const error = err instanceof ParleyError ? err : new ParleyError('internal', String(err));
    if (error.code === 'closed') return this.fail(item, error);
    item.status = 'queued';
    item.error = error;
    this.deps.changed(item);
    // `disconnected` waits for the next hello (resume); a timed-out ack goes again at once.
    const delay = error.code === 'rate_limited' ? (error.retryAfter ?? 1) * 1000 : retryLater[error.code];
    if (error.code === 'disconnected') this.pump(item.conversationId);
    else if (delay !== undefined) this.timers.later(() => this.pump(item.conversationId), delay);
    else this.fail(item, error);
  }

  private fail(item: OutboxItem, error: ParleyError): void {
    item.status = 'failed';
    item.error = error;
    this.settle.get(item.clientMsgId)?.reject(error);
    this.settle.delete(item.clientMsgId);
    this.deps.changed(item);
    this.pump(item.conversationId);
  }
}
