import type { Logger } from 'pino';
import type { Bus } from '../../bus/bus.ts';
import type { Metrics } from '../../metrics/metrics.ts';
import type { MessageRow } from '../../store/tables.ts';
import {
  type SendDeps,
  type SendOutcome,
  type SendRequest,
  type StoredFor,
  commitSends,
} from './commit-sends.ts';

interface Pending {
  request: SendRequest;
  /** performance.now() when the send reached the batcher, for the send latency metric. */
  since: number;
  resolve(row: MessageRow): void;
  reject(err: unknown): void;
}

interface Lane {
  queue: Pending[];
  running: boolean;
}

/**
 * Group commit for sends. Sends wait in a lane; whatever has gathered when the lane is free is
 * stored in one transaction (commit-sends.ts), so a busy server pays one commit — and, on
 * SQLite, one WAL write — for many messages, and an idle one answers a lone send at once.
 * A conversation always uses the same lane, so its sends keep their order and two lanes never
 * wait on each other's row locks. SQLite has one connection, so one lane; PostgreSQL several.
 * After the commit each send's events are published, in order, then its ack is answered.
 */
export class SendBatcher {
  private readonly lanes: Lane[];

  constructor(
    private readonly deps: SendDeps & {
      bus: Bus;
      log: Logger;
      metrics?: Pick<Metrics, 'messagesStored' | 'sendLatency'>;
      /** Hears each newly stored message after its events are published (push/push-sender.ts); must not wait. */
      onStored?: (row: MessageRow, storedFor: StoredFor | undefined) => void;
    },
    laneCount: number,
    /**
     * Sends per transaction at most. Bigger batches pay fewer commits and, on SQLite, write each
     * conversation's index page once for more messages (bench/send/send.ts, 100 pairs: 128 →
     * 512 gave about +40% DMs/s and 4.6 → 3.5 KB written per DM; 1,024 no more).
     */
    private readonly maxBatch = 512,
  ) {
    this.lanes = Array.from({ length: laneCount }, () => ({ queue: [], running: false }));
  }

  /** Stores the message; resolves with its row once committed and published. */
  submit(request: SendRequest): Promise<MessageRow> {
    const lane = this.lanes[laneOf(request.conversationId, this.lanes.length)]!;
    return new Promise((resolve, reject) => {
      lane.queue.push({ request, since: performance.now(), resolve, reject });
      if (!lane.running) void this.drain(lane);
    });
  }

  private async drain(lane: Lane): Promise<void> {
    lane.running = true;
    try {
      while (lane.queue.length > 0) {
        // Let the frames that already arrived join this batch (I/O runs before setImmediate).
        await new Promise((resolve) => setImmediate(resolve));
        await this.commit(lane.queue.splice(0, this.maxBatch));
      }
    } finally {
      lane.running = false;
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    let outcomes: SendOutcome[];
    try {
      outcomes = await commitSends(
        this.deps,
        batch.map((p) => p.request),
      );
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      // A failure no check foresaw (a clientMsgId that raced in through another lane or node,
      // a lost database connection): store each send on its own, so only its own send fails.
      for (const one of batch) await this.commit([one]);
      return;
    }
    const stored = outcomes.filter((outcome) => outcome.ok && outcome.stored).length;
    if (stored > 0) this.deps.metrics?.messagesStored.inc(stored);
    for (const [i, outcome] of outcomes.entries()) {
      const pending = batch[i]!;
      if (!outcome.ok) {
        pending.reject(outcome.error);
        continue;
      }
      try {
        for (const envelope of outcome.events) await this.deps.bus.publish(envelope);
      } catch (err) {
        // Stored is stored: the ack still goes out, and members catch up through sync.
        this.deps.log.error({ err, messageId: outcome.row.id }, 'could not publish a stored message');
      }
      if (outcome.stored) this.deps.onStored?.(outcome.row, outcome.people);
      this.deps.metrics?.sendLatency.observe((performance.now() - pending.since) / 1000);
      pending.resolve(outcome.row);
    }
  }
}

/** FNV-1a over the id: a stable lane per conversation. */
function laneOf(conversationId: string, lanes: number): number {
  if (lanes === 1) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < conversationId.length; i++) {
    hash ^= conversationId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % lanes;
}
