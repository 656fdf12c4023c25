/**
 * Group deliveries per second: one group of `members` people, every one of them connected;
 * `senders` of them send `messagesPerSender` messages each (window of unacknowledged sends).
 * A delivery is one `message.created` arriving at one member's socket; every message is
 * stored. The clock stops when every socket has heard every message. Run from the root:
 *
 *   npx tsx bench/send/group.ts [members=100] [senders=10] [messagesPerSender=200] [window=32] [sqlite|postgres]
 *
 * Prints one result line; docs/benchmarks.md ("## Sending") records the figures by hand.
 */
import { performance } from 'node:perf_hooks';
import type WebSocket from 'ws';
import { post, register, sendAll, signedInSocket, withServer } from './support.ts';

const memberCount = Number(process.argv[2] ?? 100);
const senderCount = Number(process.argv[3] ?? 10);
const perSender = Number(process.argv[4] ?? 200);
const window = Number(process.argv[5] ?? 32);
const dialect = process.argv[6] ?? 'sqlite';

/** Resolves once `socket` has heard `count` messages of the conversation. */
function hearAll(socket: WebSocket, conversationId: string, count: number): Promise<void> {
  let heard = 0;
  return new Promise((resolve) => {
    socket.on('message', (data) => {
      const text = data.toString();
      if (!text.startsWith('{"event":"message.created"')) return;
      if (JSON.parse(text).data.conversationId === conversationId && ++heard === count) resolve();
    });
  });
}

await withServer(dialect, async ({ api, ws }) => {
  const people = [];
  for (let i = 0; i < memberCount; i++) people.push(await register(api, `member${i}`));
  const [owner, ...rest] = people;
  const group = await post(`${api}/groups`, { name: 'Bench', joinPolicy: 'open' }, owner!.token);
  for (const person of rest) await post(`${api}/groups/${group.id}/join`, {}, person.token);
  const sockets = await Promise.all(people.map((p) => signedInSocket(ws, p.token)));
  const total = senderCount * perSender;
  const heard = Promise.all(sockets.map((s) => hearAll(s, group.id, total)));
  const started = performance.now();
  await Promise.all(sockets.slice(0, senderCount).map((s) => sendAll(s, group.id, perSender, window)));
  const acked = (performance.now() - started) / 1000;
  await heard;
  const seconds = (performance.now() - started) / 1000;
  for (const socket of sockets) socket.close();
  const deliveries = total * memberCount;
  console.warn(
    `${dialect}: ${total} group messages stored (acked in ${acked.toFixed(2)} s), ${deliveries} deliveries in ${seconds.toFixed(2)} s = ${Math.round(deliveries / seconds)} deliveries/s (${memberCount} members, ${senderCount} senders, window ${window})`,
  );
});
