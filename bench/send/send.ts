/**
 * Stored direct messages per second through the real send path: Parley in its own process
 * (SQLite or PostgreSQL), or several nodes on PostgreSQL + Redis; pairs of friends, each
 * sender sending over its WebSocket with a window of unacknowledged messages, each receiver
 * connected (on another node, when there are several). Every message is stored (an ack means
 * committed) and the clock stops when every receiver has heard every message.
 * Run from the repository root:
 *
 *   npx tsx bench/send/send.ts [pairs=20] [messagesPerSender=1000] [window=32] [sqlite|postgres] [nodes=1]
 *
 * Prints one result line; docs/benchmarks.md ("## Sending") records the figures by hand.
 */
import { performance } from 'node:perf_hooks';
import {
  cpuReport,
  hearAll,
  machineCpuSeconds,
  percentile,
  post,
  register,
  sendAll,
  signedInSocket,
  withServers,
} from './support.ts';

const pairs = Number(process.argv[2] ?? 20);
const perSender = Number(process.argv[3] ?? 1000);
const window = Number(process.argv[4] ?? 32);
const dialect = process.argv[5] ?? 'sqlite';
const nodeCount = Number(process.argv[6] ?? 1);

await withServers(dialect, nodeCount, async (nodes, cpu) => {
  const { api } = nodes[0]!;
  const pairsMade: { sender: string; receiver: string; conversationId: string }[] = [];
  for (let i = 0; i < pairs; i++) {
    const a = await register(api, `alice${i}`);
    const b = await register(api, `bob${i}`);
    const asked = await post(`${api}/friend-requests`, { userId: b.user.id }, a.token);
    const { friend } = await post(`${api}/friend-requests/${asked.request.id}/accept`, {}, b.token);
    pairsMade.push({ sender: a.token, receiver: b.token, conversationId: friend.conversationId });
  }
  // Sender i on node i, its receiver on the next node: with two nodes every message crosses Redis.
  const nodeOf = (i: number) => nodes[i % nodes.length]!.ws;
  const senders = await Promise.all(pairsMade.map((p, i) => signedInSocket(nodeOf(i), p.sender)));
  const receivers = await Promise.all(pairsMade.map((p, i) => signedInSocket(nodeOf(i + 1), p.receiver)));
  const heard = Promise.all(receivers.map((r, i) => hearAll(r, pairsMade[i]!.conversationId, perSender)));
  const latencies: number[] = [];
  const before = { servers: cpu.servers(), redis: cpu.redis(), machine: machineCpuSeconds() };
  const started = performance.now();
  const acked = await Promise.all(
    senders.map((socket, i) => sendAll(socket, pairsMade[i]!.conversationId, perSender, window, latencies)),
  );
  const ackedIn = (performance.now() - started) / 1000;
  await heard;
  const seconds = (performance.now() - started) / 1000;
  const used = cpuReport(before, cpu);
  for (const socket of [...senders, ...receivers]) socket.close();
  const total = acked.reduce((a, b) => a + b, 0);
  console.warn(
    `${dialect}, ${nodeCount} node(s): ${total} direct messages stored, acked in ${ackedIn.toFixed(2)} s and delivered in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} msg/s; ack latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (${pairs} senders, window ${window}); CPU-s per 1,000 messages: ${used(total / 1000)}`,
  );
});
