/**
 * WebSocket connects with a token: how many sockets a second open and have their `hello`
 * answered, and the server CPU each one costs. Every connect is a different account's session
 * (registered first, like the reconnect after a restart), `concurrency` connects in flight at a
 * time; before the clock starts, `warmup` other accounts connect once so the server's code is
 * compiled. Run from the repository root:
 *
 *   npx tsx bench/connect/hello.ts [connects=2000] [concurrency=50] [sqlite|postgres] [open|churn] [warmup=200] [raw|ws]
 *
 * open (the default): every socket stays open until the clock stops, so the figures are the
 * connect and hello alone (connects must stay under the ~20,000 open files a process may hold).
 * churn: each socket closes as soon as its hello is answered, so the server's work for the close
 * (presence, last seen) is counted too. Server CPU comes from /proc/<pid>/stat; the server is on
 * core 0, this load generator on core 1 (bench/send/support.ts pin). raw (the default): each
 * connect is a bare TCP connection speaking just enough WebSocket (raw-socket.ts), so the load
 * generator's core is not the limit; ws: each is a `ws` client, as the clients and the other
 * benchmarks are. Prints one result line; docs/benchmarks.md records the figures by hand.
 */
import { performance } from 'node:perf_hooks';
import { signedInSocket, withServers } from '../send/support.ts';
import { rawSignedInSocket } from './raw-socket.ts';
import { percentile, registerMany, settle } from './support.ts';

const connects = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 50);
const dialect = process.argv[4] ?? 'sqlite';
const mode = process.argv[5] ?? 'open';
const warmup = Number(process.argv[6] ?? 200);
const clientKind = process.argv[7] ?? 'raw';
if (mode !== 'open' && mode !== 'churn') throw new Error('mode is open or churn');
if (clientKind !== 'raw' && clientKind !== 'ws') throw new Error('client is raw or ws');

/** An open, signed-in socket of either kind, and how to close it. */
interface Open {
  close(): void;
}

const connect = async (wsUrl: string, token: string): Promise<Open> => {
  if (clientKind === 'ws') return signedInSocket(wsUrl, token);
  const socket = await rawSignedInSocket(wsUrl, token);
  return { close: () => socket.end() };
};

/** Connects with each token, `concurrency` at a time; answers each connect's time (ms) and the open sockets. */
async function connectAll(
  wsUrl: string,
  tokens: string[],
  closeEach: boolean,
): Promise<{ latencies: number[]; sockets: Open[] }> {
  const latencies: number[] = [];
  const sockets: Open[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tokens.length) {
      const token = tokens[next++]!;
      const started = performance.now();
      const socket = await connect(wsUrl, token);
      latencies.push(performance.now() - started);
      if (closeEach) socket.close();
      else sockets.push(socket);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, sockets };
}

await withServers(dialect, 1, async (nodes, cpu) => {
  const { api, ws } = nodes[0]!;
  const registeredAt = performance.now();
  const tokens = await registerMany(api, 'hello', connects + warmup);
  const registered = ((performance.now() - registeredAt) / 1000).toFixed(1);
  // Warm-up: compile the hello path, then let the closes' work finish before measuring.
  await connectAll(ws, tokens.slice(connects), true);
  await settle(1000);

  const cpuBefore = cpu.servers();
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const { latencies, sockets } = await connectAll(ws, tokens.slice(0, connects), mode === 'churn');
  const seconds = (performance.now() - started) / 1000;
  const serverMs = ((cpu.servers() - cpuBefore) * 1000) / connects;
  const client = process.cpuUsage(clientBefore);
  const clientMs = (client.user + client.system) / 1000 / connects;
  const clientKernelMs = client.system / 1000 / connects;
  for (const socket of sockets) socket.close();

  console.warn(
    `${dialect}, ${mode}, ${clientKind} client: ${connects} connects with hello (${concurrency} at a time, ${warmup} warm-up; ${connects + warmup} accounts registered in ${registered} s) in ${seconds.toFixed(2)} s = ${Math.round(connects / seconds)} connects/s; server CPU ${serverMs.toFixed(3)} ms per connect (this load generator ${clientMs.toFixed(3)} ms, ${clientKernelMs.toFixed(3)} of it in the kernel); open+hello p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
  );
  await settle(500);
});
