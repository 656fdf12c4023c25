/**
 * Stored direct messages through the real send path: Parley in its own process (SQLite or
 * PostgreSQL), or several nodes on PostgreSQL + Redis; pairs of friends, each receiver
 * connected (on another node, when there are several). Every message is stored (an ack means
 * committed). The server is pinned to core 0 and this load generator to core 1 (support.ts,
 * `pin`). Run from the repository root:
 *
 *   npx tsx bench/send/send.ts [--pairs 20] [--messages 1000] [--window 32] [--rate N]
 *                              [--db sqlite|postgres] [--nodes 1]
 *
 * --messages is per sender. Saturated (no --rate): each sender keeps --window sends
 * unacknowledged; the figure is messages per second from the first send until every receiver
 * has heard every message. Paced (--rate N): N messages per second in all, spread over the
 * senders in turn, whatever the acks. Both print send → ack and send → the receiver hearing
 * message.created (p50/p95/p99), CPU seconds per 1,000 messages and disk bytes written per
 * message (measure.ts), and check that every receiver heard every message exactly once with
 * gap-free seqs in order; if not, they say what went wrong and exit 1 (traffic.ts).
 * The old positional form `send.ts 20 1000 32 sqlite 1` (pairs, messages, window, db, nodes)
 * still works. docs/benchmarks.md ("## Step 9 baseline: the send path") records the figures.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { describeUsage, startMeter } from './measure.ts';
import { latencyLine, post, register, signedInSocket, withServers } from './support.ts';
import { allHeard, faults, Ledger, Listener, Sender, sendPaced, sendSaturated } from './traffic.ts';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    pairs: { type: 'string' },
    messages: { type: 'string' },
    window: { type: 'string' },
    rate: { type: 'string' },
    db: { type: 'string' },
    nodes: { type: 'string' },
  },
});
const pairs = Number(flags.pairs ?? positionals[0] ?? 20);
const perSender = Number(flags.messages ?? positionals[1] ?? 1000);
const window = Number(flags.window ?? positionals[2] ?? 32);
const dialect = flags.db ?? positionals[3] ?? 'sqlite';
const nodeCount = Number(flags.nodes ?? positionals[4] ?? 1);
const rate = flags.rate === undefined ? undefined : Number(flags.rate);

await withServers(dialect, nodeCount, async (nodes, probe) => {
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
  const senderSockets = await Promise.all(pairsMade.map((p, i) => signedInSocket(nodeOf(i), p.sender)));
  const receiverSockets = await Promise.all(
    pairsMade.map((p, i) => signedInSocket(nodeOf(i + 1), p.receiver)),
  );
  const ledger = new Ledger();
  const heardLatencies: number[] = [];
  const senders = senderSockets.map(
    (socket, i) =>
      new Sender(
        socket,
        pairsMade[i]!.conversationId,
        i,
        perSender,
        ledger,
        rate === undefined ? window : undefined,
      ),
  );
  const listeners = receiverSockets.map(
    (socket, i) =>
      new Listener(socket, `bob${i}`, pairsMade[i]!.conversationId, perSender, ledger, heardLatencies),
  );
  const total = pairs * perSender;

  const stopMeter = await startMeter(probe);
  const started = performance.now();
  const late = rate === undefined ? null : await sendPaced(senders, total, rate);
  if (!late) await sendSaturated(senders);
  const ackedIn = (performance.now() - started) / 1000;
  await allHeard(listeners);
  const seconds = (performance.now() - started) / 1000;
  const usage = await stopMeter();
  const verdict = await faults(listeners);
  for (const socket of [...senderSockets, ...receiverSockets]) socket.close();

  const mode = late
    ? `paced at ${rate}/s (load generator late: ${latencyLine(late)})`
    : `saturated, window ${window}`;
  console.warn(
    [
      `${dialect}, ${nodeCount} node(s), ${pairs} pairs, ${mode}:`,
      `  ${total} direct messages stored, acked in ${ackedIn.toFixed(2)} s, all heard in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} msg/s`,
      `  send → ack: ${latencyLine(ledger.ackLatencies)}`,
      `  send → receiver hears message.created: ${latencyLine(heardLatencies)}`,
      `  ${describeUsage(usage, { counted: total, what: 'messages', messages: total, seconds })}`,
      `  ${verdict}`,
    ].join('\n'),
  );
});
