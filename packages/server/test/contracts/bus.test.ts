import type { ServerEvent } from '@parley/protocol';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Bus, Envelope } from '../../src/bus/bus.ts';
import { createMemoryBus } from '../../src/bus/memory.ts';
import { type RedisBus, createRedisBus } from '../../src/bus/redis.ts';
import { Fanout } from '../../src/fanout/fanout.ts';
import { TestRedis, eventually } from './support/redis.ts';

// The same suite on every Bus (HOUSE.md habit 8, like socket.io's cluster adapter tests):
// "nodes" are buses that should behave as one. In memory that is one bus shared by all
// (one process has one node); on Redis each node has its own link and bus.

interface Nodes {
  buses: Bus[];
  close(): Promise<void>;
}

const kinds: { name: string; start(count: number): Promise<Nodes> }[] = [
  {
    name: 'memory',
    async start(count) {
      const bus = createMemoryBus();
      return { buses: Array.from({ length: count }, () => bus), close: () => bus.close() };
    },
  },
  {
    name: 'Redis',
    async start(count) {
      const redis = new TestRedis();
      const buses: RedisBus[] = [];
      for (let i = 0; i < count; i++) {
        buses.push(createRedisBus({ link: await redis.link(), nodeId: `node-${i}`, onHandlerError: fail }));
      }
      await Promise.all(buses.map((bus) => bus.subscribed));
      return {
        buses,
        async close() {
          await Promise.all(buses.map((bus) => bus.close()));
          await redis.close();
        },
      };
    },
  },
];

function fail(err: unknown): never {
  throw err;
}

/** A stand-in event: the bus carries any event without looking inside. */
function numbered(from: string, n: number): Envelope {
  return { to: { users: ['alice'] }, event: { event: 'test', data: { from, n } } as unknown as ServerEvent };
}
const numberOf = (e: Envelope) => (e.event as unknown as { data: { from: string; n: number } }).data;

describe.each(kinds)('the $name bus', (kind) => {
  let nodes: Nodes | undefined;
  afterEach(async () => {
    await nodes?.close();
    nodes = undefined;
  });

  it('hands every envelope from every node to every subscriber on every node exactly once, in each publisher’s order', async () => {
    nodes = await kind.start(3);
    const heard = nodes.buses.flatMap((bus) =>
      [1, 2].map(() => {
        const got: Envelope[] = [];
        bus.subscribe((e) => got.push(e));
        return got;
      }),
    );
    const [first, second] = nodes.buses as [Bus, Bus];
    for (let n = 0; n < 50; n++) {
      await first.publish(numbered('first', n));
      await second.publish(numbered('second', n));
    }
    // Each publisher's last envelope ends its run: once it is in, so is everything before it.
    await eventually(() =>
      heard.every((got) =>
        ['first', 'second'].every((p) => got.some((e) => numberOf(e).from === p && numberOf(e).n === 49)),
      ),
    );
    await new Promise((r) => setTimeout(r, 100)); // time for a duplicate to show up
    for (const got of heard) {
      expect(got).toHaveLength(100);
      for (const publisher of ['first', 'second']) {
        const ns = got
          .map(numberOf)
          .filter((d) => d.from === publisher)
          .map((d) => d.n);
        expect(ns).toEqual([...Array(50).keys()]);
      }
    }
  });

  it('delivers to the publishing node’s own subscribers during publish, and not a second time', async () => {
    nodes = await kind.start(2);
    const [mine, other] = nodes.buses as [Bus, Bus];
    const here: Envelope[] = [];
    const there: Envelope[] = [];
    mine.subscribe((e) => here.push(e));
    other.subscribe((e) => there.push(e));
    void mine.publish(numbered('mine', 1));
    expect(here.map(numberOf)).toEqual([{ from: 'mine', n: 1 }]);
    await mine.publish(numbered('mine', 2));
    await eventually(() => there.length === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(here.map((e) => numberOf(e).n)).toEqual([1, 2]);
  });

  it('hands fanouts the serialised event, so a receiving node need not serialise it again', async () => {
    nodes = await kind.start(2);
    const [mine, other] = nodes.buses as [Bus, Bus];
    const got: Envelope[] = [];
    other.subscribe((e) => got.push(e));
    const envelope = numbered('mine', 7);
    await mine.publish(envelope);
    await eventually(() => got.length === 1);
    const text = got[0]!.text ?? JSON.stringify(got[0]!.event);
    expect(JSON.parse(text)).toEqual(envelope.event);
    expect(got[0]!.to).toEqual(envelope.to);
    // What a socket receives is that text, and the same text as one whole WebSocket text frame
    // (FIN and opcode 1, unmasked, the length, then the UTF-8 bytes) that every socket shares.
    const fanout = new Fanout();
    const frames: string[] = [];
    const framed: (Buffer | undefined)[] = [];
    const socket = (userId: string) => ({
      userId,
      sessionId: userId,
      sendText: (t: string, f?: Buffer) => {
        frames.push(t);
        framed.push(f);
      },
      close() {},
    });
    fanout.add(socket('alice'));
    fanout.add(socket('bob'));
    fanout.deliver({ ...got[0]!, to: { users: ['alice', 'bob'] } });
    expect(frames).toEqual([JSON.stringify(envelope.event), JSON.stringify(envelope.event)]);
    expect(framed[1]).toBe(framed[0]);
    const bytes = Buffer.from(JSON.stringify(envelope.event));
    expect(bytes.length).toBeLessThanOrEqual(125); // a one-byte length
    expect(framed[0]).toEqual(Buffer.concat([Buffer.from([0x81, bytes.length]), bytes]));
  });

  it('stops calling a handler once it unsubscribed, and every handler once the bus closed', async () => {
    nodes = await kind.start(2);
    const [mine, other] = nodes.buses as [Bus, Bus];
    const dropped: Envelope[] = [];
    const kept: Envelope[] = [];
    const unsubscribe = other.subscribe((e) => dropped.push(e));
    other.subscribe((e) => kept.push(e));
    unsubscribe();
    await mine.publish(numbered('mine', 1));
    await eventually(() => kept.length === 1);
    expect(dropped).toEqual([]);
  });
});

describe('the Redis bus when Redis is away or drops', () => {
  const redis = new TestRedis();
  const buses: RedisBus[] = [];
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });
  afterAll(() => redis.close());

  it('publishes without waiting or throwing while Redis is unreachable, and counts what it dropped', async () => {
    const dropped: number[] = [];
    const bus = createRedisBus({
      link: await redis.link('redis://127.0.0.1:1'),
      nodeId: 'lonely',
      onHandlerError: fail,
      onDropped: (count) => dropped.push(count),
    });
    buses.push(bus);
    const here: Envelope[] = [];
    bus.subscribe((e) => here.push(e));
    const started = performance.now();
    for (let n = 0; n < 100; n++) await bus.publish(numbered('lonely', n));
    expect(performance.now() - started).toBeLessThan(100);
    expect(here.map((e) => numberOf(e).n)).toEqual([...Array(100).keys()]);
    await eventually(() => bus.stats().dropped === 100);
    expect(dropped.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('sends one tick’s envelopes together, reports their lag, and says when its subscription was interrupted', async () => {
    const interruptions: number[] = [];
    const lags: number[] = [];
    const senderLink = await redis.link();
    const sender = createRedisBus({ link: senderLink, nodeId: 'sender', onHandlerError: fail });
    const receiverLink = await redis.link();
    const receiver = createRedisBus({
      link: receiverLink,
      nodeId: 'receiver',
      onHandlerError: fail,
      onLag: (ms) => lags.push(ms),
      onInterrupted: () => interruptions.push(Date.now()),
    });
    buses.push(sender, receiver);
    await Promise.all([sender.subscribed, receiver.subscribed]);
    const got: Envelope[] = [];
    receiver.subscribe((e) => got.push(e));

    let pipelines = 0;
    const pipeline = senderLink.commands.pipeline.bind(senderLink.commands);
    senderLink.commands.pipeline = (...args: Parameters<typeof pipeline>) => {
      pipelines += 1;
      return pipeline(...args);
    };
    // As a transaction publishes what it queued: one await after another, all in one tick.
    for (const n of [1, 2, 3]) await sender.publish(numbered('sender', n));
    await eventually(() => got.length === 3);
    expect(pipelines).toBe(1);
    expect(got.map((e) => numberOf(e).n)).toEqual([1, 2, 3]);
    expect(lags).toHaveLength(3);
    expect(lags.every((ms) => ms >= 0 && ms < 1000)).toBe(true);
    expect(interruptions).toEqual([]);

    receiverLink.subscriber.disconnect(true);
    await eventually(() => interruptions.length === 1);
    await sender.publish(numbered('sender', 4));
    await eventually(() => got.length === 4);
    expect(interruptions).toHaveLength(1);
  });

  it('tells the other nodes, once it can publish again, that it dropped envelopes meanwhile', async () => {
    const interruptions: number[] = [];
    const senderLink = await redis.link();
    const sender = createRedisBus({ link: senderLink, nodeId: 'flaky', onHandlerError: fail });
    const receiver = createRedisBus({
      link: await redis.link(),
      nodeId: 'listener',
      onHandlerError: fail,
      onInterrupted: () => interruptions.push(Date.now()),
    });
    buses.push(sender, receiver);
    await Promise.all([sender.subscribed, receiver.subscribed]);
    const got: Envelope[] = [];
    receiver.subscribe((e) => got.push(e));

    // Only the sender's commands connection drops: the receiver's subscription never does.
    senderLink.commands.disconnect(true);
    await sender.publish(numbered('flaky', 1));
    await eventually(() => sender.stats().dropped === 1);
    await eventually(() => interruptions.length === 1);
    await sender.publish(numbered('flaky', 2));
    await eventually(() => got.length === 1);
    expect(got.map((e) => numberOf(e).n)).toEqual([2]);
    // Told once, not again with every envelope after.
    expect(interruptions).toHaveLength(1);
  });
});
