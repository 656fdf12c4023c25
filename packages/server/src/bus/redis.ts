import type { ServerEvent } from '@parley/protocol';
import type { RedisLink } from '../cluster/redis.ts';
import type { Audience, Bus, BusStats, Envelope } from './bus.ts';

export interface RedisBusOptions {
  link: RedisLink;
  /** This node's id: its own envelopes come back from Redis and are skipped (delivered locally already). */
  nodeId: string;
  onHandlerError: (err: unknown) => void;
  /** How late each remote envelope arrived (receive time − publish time, across node clocks). */
  onLag?: (ms: number) => void;
  /** Envelopes that could not be sent to Redis (also counted in stats().dropped). */
  onDropped?: (count: number) => void;
  /**
   * Envelopes were missed: this node's subscription dropped and is back (called once it is
   * re-subscribed, so whatever catches up — clients re-syncing — hears everything after), or
   * another node says it could not publish some for a while.
   */
  onInterrupted?: () => void;
}

export interface RedisBus extends Bus {
  /** Resolves once the first subscription is in place (remote envelopes arrive from then on). */
  readonly subscribed: Promise<void>;
  stats(): BusStats;
}

/**
 * The bus of several nodes: Redis pub/sub on one channel, `<prefix>events`.
 *
 * publish() hands the envelope to this node's subscribers at once, in publish order (the local
 * fast path), and queues it for Redis; everything published in one tick leaves in one
 * pipeline. It never waits for Redis and never throws: a send is acknowledged once the
 * database has committed, and the database is the truth, so an envelope that cannot reach
 * Redis is dropped and counted (stats().dropped) and clients catch up on their next sync.
 *
 * On the wire a message is three lines and the event: the publishing node's id, the publish
 * time (ms), the audience's JSON, then the event's JSON. Every node hears its own messages
 * back from Redis and skips them by the first line alone, without parsing anything. The event
 * is serialised once, on the publishing node; every fanout (local and remote) writes that same
 * text to its sockets, and the remote node parses the event only to read its kind. JSON never
 * contains a raw newline, so the lines cannot run together. See docs/architecture.md "Several nodes".
 */
export function createRedisBus(options: RedisBusOptions): RedisBus {
  const { link, nodeId, onHandlerError, onLag, onDropped, onInterrupted } = options;
  const channel = `${link.prefix}events`;
  const handlers = new Set<(envelope: Envelope) => void>();
  const stats: BusStats = { dropped: 0, received: 0, lagMs: 0 };
  let outbox: string[] = [];
  let closed = false;

  const deliver = (envelope: Envelope) => {
    for (const handler of handlers) {
      try {
        handler(envelope);
      } catch (err) {
        onHandlerError(err);
      }
    }
  };

  /** Dropped since the other nodes were last told (see `missedNotice`). */
  let unannounced = 0;
  const drop = (count: number) => {
    if (count === 0) return;
    stats.dropped += count;
    unannounced += count;
    onDropped?.(count);
  };

  // process.nextTick runs after the promise jobs of this tick, so a transaction's envelopes,
  // published one `await` after another, still leave together.
  const flush = () => {
    const batch = outbox;
    outbox = [];
    if (link.commands.status !== 'ready') return drop(batch.length);
    const pipeline = link.commands.pipeline();
    // Envelopes this node could not publish never reached the other nodes' sockets: the first
    // thing it sends once it can is a notice, on which they have their clients sync (4009).
    if (unannounced > 0) {
      unannounced = 0;
      pipeline.publish(channel, missedNotice);
    }
    for (const message of batch) pipeline.publish(channel, message);
    pipeline.exec().then(
      (results) => drop((results ?? []).filter(([err]) => err).length),
      () => drop(batch.length),
    );
  };

  const ownTag = `${nodeId}\n`;
  const missedNotice = `${ownTag}missed`;
  const onMessage = (from: string, message: string) => {
    if (from !== channel || closed || message.startsWith(ownTag)) return;
    if (message.endsWith('\nmissed') && message.indexOf('\n') === message.length - 7) {
      onInterrupted?.();
      return;
    }
    let at: number;
    let envelope: Envelope;
    try {
      const first = message.indexOf('\n');
      const second = message.indexOf('\n', first + 1);
      const third = message.indexOf('\n', second + 1);
      if (first < 0 || second < 0 || third < 0) throw new Error('a bus message without its header lines');
      at = Number(message.slice(first + 1, second));
      const text = message.slice(third + 1);
      const to = JSON.parse(message.slice(second + 1, third)) as Audience;
      envelope = { to, event: JSON.parse(text) as ServerEvent, text };
    } catch (err) {
      onHandlerError(err);
      return;
    }
    stats.received += 1;
    stats.lagMs = Date.now() - at;
    onLag?.(stats.lagMs);
    deliver(envelope);
  };

  // ioredis re-subscribes by itself after a reconnect; subscribing again here is harmless and
  // tells us when the subscription is really back, which is when onInterrupted may run.
  let live = false;
  let interrupted = false;
  let firstSubscription: () => void;
  const subscribed = new Promise<void>((resolve) => (firstSubscription = resolve));
  const subscribe = () => {
    link.subscriber.subscribe(channel).then(
      () => {
        if (closed || live) return;
        live = true;
        firstSubscription();
        if (interrupted) {
          interrupted = false;
          onInterrupted?.();
        }
      },
      () => {}, // Redis is away; the next 'ready' tries again.
    );
  };
  const onClose = () => {
    if (live) interrupted = true;
    live = false;
  };
  const onReady = () => {
    if (!live) subscribe();
  };
  link.subscriber.on('message', onMessage);
  link.subscriber.on('close', onClose);
  link.subscriber.on('ready', onReady);
  // Back after an outage in which publishes were dropped: tell the others even if nothing new
  // is published for a while.
  const onCommandsReady = () => {
    // (A non-empty outbox has its flush scheduled already.)
    if (unannounced > 0 && outbox.length === 0) process.nextTick(flush);
  };
  link.commands.on('ready', onCommandsReady);
  subscribe();

  return {
    subscribed,
    async publish(envelope) {
      const text = envelope.text ?? JSON.stringify(envelope.event);
      deliver({ ...envelope, text });
      if (closed) return;
      const message = `${ownTag}${Date.now()}\n${JSON.stringify(envelope.to)}\n${text}`;
      if (outbox.push(message) === 1) process.nextTick(flush);
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    stats: () => ({ ...stats }),
    async close() {
      if (closed) return;
      closed = true;
      handlers.clear();
      link.subscriber.off('message', onMessage);
      link.subscriber.off('close', onClose);
      link.subscriber.off('ready', onReady);
      link.commands.off('ready', onCommandsReady);
      if (link.subscriber.status === 'ready') await link.subscriber.unsubscribe(channel).catch(() => {});
    },
  };
}
