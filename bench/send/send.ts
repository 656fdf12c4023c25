/**
 * Stored direct messages per second through the real send path: a Parley server in its own
 * process (SQLite or PostgreSQL), pairs of friends each sending over their WebSocket with a
 * window of unacknowledged messages, every message stored (an ack means committed).
 * Run from the repository root:
 *
 *   npx tsx bench/send/send.ts [pairs=20] [messagesPerSender=1000] [window=32] [sqlite|postgres]
 *
 * Prints one result line; docs/benchmarks.md ("## Sending") records the figures by hand.
 */
import { performance } from 'node:perf_hooks';
import { post, register, sendAll, signedInSocket, withServer } from './support.ts';

const pairs = Number(process.argv[2] ?? 20);
const perSender = Number(process.argv[3] ?? 1000);
const window = Number(process.argv[4] ?? 32);
const dialect = process.argv[5] ?? 'sqlite';

await withServer(dialect, async ({ api, ws }) => {
  const senders: { token: string; conversationId: string }[] = [];
  for (let i = 0; i < pairs; i++) {
    const a = await register(api, `alice${i}`);
    const b = await register(api, `bob${i}`);
    const asked = await post(`${api}/friend-requests`, { userId: b.user.id }, a.token);
    const { friend } = await post(`${api}/friend-requests/${asked.request.id}/accept`, {}, b.token);
    senders.push({ token: a.token, conversationId: friend.conversationId });
  }
  const sockets = await Promise.all(senders.map((s) => signedInSocket(ws, s.token)));
  const started = performance.now();
  const acked = await Promise.all(
    sockets.map((socket, i) => sendAll(socket, senders[i]!.conversationId, perSender, window)),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const socket of sockets) socket.close();
  const total = acked.reduce((a, b) => a + b, 0);
  console.warn(
    `${dialect}: ${total} direct messages stored and acked in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} msg/s (${pairs} senders, window ${window})`,
  );
});
