/**
 * Group deliveries per second: one group of `members` people, every one of them connected;
 * `senders` of them send `messagesPerSender` messages each (window of unacknowledged sends).
 * A delivery is one `message.created` arriving at one member's socket; every message is
 * stored. The clock stops when every socket has heard every message. Run from the root:
 *
 *   npx tsx bench/send/group.ts [members=100] [senders=10] [messagesPerSender=200] [window=32] [sqlite|postgres] [nodes=1]
 *
 * With several nodes (PostgreSQL + Redis) the members' sockets are spread over them in turn.
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

const memberCount = Number(process.argv[2] ?? 100);
const senderCount = Number(process.argv[3] ?? 10);
const perSender = Number(process.argv[4] ?? 200);
const window = Number(process.argv[5] ?? 32);
const dialect = process.argv[6] ?? 'sqlite';
const nodeCount = Number(process.argv[7] ?? 1);

await withServers(dialect, nodeCount, async (nodes, cpu) => {
  const { api } = nodes[0]!;
  const people = [];
  for (let i = 0; i < memberCount; i++) people.push(await register(api, `member${i}`));
  const [owner, ...rest] = people;
  const group = await post(`${api}/groups`, { name: 'Bench', joinPolicy: 'open' }, owner!.token);
  for (const person of rest) await post(`${api}/groups/${group.id}/join`, {}, person.token);
  const sockets = await Promise.all(
    people.map((p, i) => signedInSocket(nodes[i % nodes.length]!.ws, p.token)),
  );
  const total = senderCount * perSender;
  const heard = Promise.all(sockets.map((s) => hearAll(s, group.id, total)));
  const before = { servers: cpu.servers(), redis: cpu.redis(), machine: machineCpuSeconds() };
  const started = performance.now();
  const latencies: number[] = [];
  await Promise.all(
    sockets.slice(0, senderCount).map((s) => sendAll(s, group.id, perSender, window, latencies)),
  );
  const acked = (performance.now() - started) / 1000;
  await heard;
  const seconds = (performance.now() - started) / 1000;
  const used = cpuReport(before, cpu);
  for (const socket of sockets) socket.close();
  const deliveries = total * memberCount;
  console.warn(
    `${dialect}, ${nodeCount} node(s): ${total} group messages stored (acked in ${acked.toFixed(2)} s), ${deliveries} deliveries in ${seconds.toFixed(2)} s = ${Math.round(deliveries / seconds)} deliveries/s; ack latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (${memberCount} members, ${senderCount} senders, window ${window}); CPU-s per 1,000 messages: ${used(total / 1000)}`,
  );
});
