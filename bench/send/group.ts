/**
 * Room (group) deliveries: one group of `members` people, every one of them connected;
 * `senders` of them send `messages` each. A delivery is one message.created reaching one
 * member's socket (the senders' own included); every message is stored. The server is pinned
 * to core 0 and this load generator to core 1 (support.ts, `pin`). Run from the root:
 *
 *   npx tsx bench/send/group.ts [--members 100] [--senders 10] [--messages 200] [--window 32]
 *                               [--rate N] [--db sqlite|postgres] [--nodes 1]
 *
 * Saturated (no --rate): each sender keeps --window sends unacknowledged; the figure is
 * deliveries per second from the first send until every socket has heard every message.
 * Paced (--rate N): N deliveries per second in all, that is N / members messages per second
 * spread over the senders in turn. Both print send → ack and send → each member hearing it
 * (p50/p95/p99), CPU seconds per 1,000 deliveries and disk bytes written per message
 * (measure.ts), and check that every member heard every message exactly once with gap-free
 * seqs in order; if not, they say what went wrong and exit 1 (traffic.ts).
 * With several nodes (PostgreSQL + Redis) the members' sockets are spread over them in turn.
 * The old positional form `group.ts 100 10 200 32 sqlite 1` (members, senders, messages,
 * window, db, nodes) still works. docs/benchmarks.md ("## Step 9 baseline: the send path")
 * records the figures.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { describeUsage, startMeter } from './measure.ts';
import { latencyLine, post, register, signedInSocket, withServers } from './support.ts';
import { allHeard, faults, Ledger, Listener, Sender, sendPaced, sendSaturated } from './traffic.ts';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    members: { type: 'string' },
    senders: { type: 'string' },
    messages: { type: 'string' },
    window: { type: 'string' },
    rate: { type: 'string' },
    db: { type: 'string' },
    nodes: { type: 'string' },
  },
});
const memberCount = Number(flags.members ?? positionals[0] ?? 100);
const senderCount = Number(flags.senders ?? positionals[1] ?? 10);
const perSender = Number(flags.messages ?? positionals[2] ?? 200);
const window = Number(flags.window ?? positionals[3] ?? 32);
const dialect = flags.db ?? positionals[4] ?? 'sqlite';
const nodeCount = Number(flags.nodes ?? positionals[5] ?? 1);
const rate = flags.rate === undefined ? undefined : Number(flags.rate);

await withServers(dialect, nodeCount, async (nodes, probe) => {
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
  const ledger = new Ledger();
  const heardLatencies: number[] = [];
  const listeners = sockets.map(
    (socket, i) => new Listener(socket, `member${i}`, group.id, total, ledger, heardLatencies),
  );
  const senders = sockets
    .slice(0, senderCount)
    .map(
      (socket, i) =>
        new Sender(socket, group.id, i, perSender, ledger, rate === undefined ? window : undefined),
    );

  const stopMeter = await startMeter(probe);
  const started = performance.now();
  const late = rate === undefined ? null : await sendPaced(senders, total, rate / memberCount);
  if (!late) await sendSaturated(senders);
  const ackedIn = (performance.now() - started) / 1000;
  await allHeard(listeners);
  const seconds = (performance.now() - started) / 1000;
  const usage = await stopMeter();
  const verdict = await faults(listeners);
  for (const socket of sockets) socket.close();

  const deliveries = total * memberCount;
  const mode = late
    ? `paced at ${rate} deliveries/s = ${rate! / memberCount} messages/s (load generator late: ${latencyLine(late)})`
    : `saturated, window ${window}`;
  console.warn(
    [
      `${dialect}, ${nodeCount} node(s), ${memberCount} members, ${senderCount} senders, ${mode}:`,
      `  ${total} group messages stored, acked in ${ackedIn.toFixed(2)} s; ${deliveries} deliveries in ${seconds.toFixed(2)} s = ${Math.round(deliveries / seconds)} deliveries/s`,
      `  send → ack: ${latencyLine(ledger.ackLatencies)}`,
      `  send → each member hears message.created: ${latencyLine(heardLatencies)}`,
      `  ${describeUsage(usage, { counted: deliveries, what: 'deliveries', messages: total, seconds })}`,
      `  ${verdict}`,
    ].join('\n'),
  );
});
