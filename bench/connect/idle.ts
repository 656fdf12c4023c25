/**
 * Memory per idle connection: opens `sockets` signed-in WebSockets (each a different account's
 * session by default, `concurrency` connects at a time), lets them sit, and reads the server's
 * memory before, halfway and after. Run from the repository root:
 *
 *   npx tsx bench/connect/idle.ts [sockets=10000] [sqlite|postgres] [accounts=sockets] [settleSeconds=5] [concurrency=50]
 *
 * The server and this process each hold one open file per socket, and this machine allows
 * about 20,000 a process. With fewer accounts than sockets, sessions are shared round-robin.
 * Each reading waits settleSeconds, then has the server collect its garbage
 * (collect-on-signal.mjs, loaded only into this benchmark's server) and reads its resident
 * memory (VmRSS, /proc/<pid>/status) and its JavaScript heap in use plus buffers outside it.
 * The line gives the growth per connection over all sockets and over the second half alone
 * (less touched by the heap's first growth). Every socket must have its hello answered and still
 * be open at the end, or the exit code is 1. Prints one result line; docs/benchmarks.md records
 * the figures by hand.
 */
import type WebSocket from 'ws';
import { signedInSocket, withServers } from '../send/support.ts';
import { collectedMemory, letServersCollectGarbage, registerMany, serverPid, settle } from './support.ts';

const total = Number(process.argv[2] ?? 10_000);
const dialect = process.argv[3] ?? 'sqlite';
const accounts = Number(process.argv[4] ?? total);
const settleMs = Number(process.argv[5] ?? 5) * 1000;
const concurrency = Number(process.argv[6] ?? 50);

/** Opens sockets for tokens[from..to) (round-robin over the tokens), `concurrency` at a time. */
async function open(wsUrl: string, tokens: string[], from: number, to: number): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  let next = from;
  const worker = async () => {
    while (next < to) {
      const token = tokens[next++ % tokens.length]!;
      sockets.push(await signedInSocket(wsUrl, token));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return sockets;
}

letServersCollectGarbage();
await withServers(dialect, 1, async (nodes) => {
  const { api, ws } = nodes[0]!;
  const pid = serverPid();
  const memory = async () => (await settle(settleMs), collectedMemory(pid));
  const tokens = await registerMany(api, 'idle', accounts);
  // Warm-up: the hello path compiled and its first allocations made before the baseline.
  for (const socket of await open(ws, tokens, 0, Math.min(200, total))) socket.close();
  const before = await memory();

  const half = Math.floor(total / 2);
  const sockets = await open(ws, tokens, 0, half);
  const atHalf = await memory();
  sockets.push(...(await open(ws, tokens, half, total)));
  const after = await memory();

  const stillOpen = sockets.filter((s) => s.readyState === s.OPEN).length;
  const kib = (value: number) => `${value.toFixed(1)} KiB`;
  const mib = (value: number) => `${Math.round(value / 1024)} MiB`;
  const heldBy = (m: typeof before) => m.heap + m.external;
  console.warn(
    `${dialect}: ${sockets.length} sockets said hello (${accounts} accounts), ${stillOpen} still open; after a GC, ` +
      `server RSS ${mib(before.rss)} → ${mib(atHalf.rss)} at ${half} → ${mib(after.rss)}: ` +
      `${kib((after.rss - before.rss) / total)} per connection (second half alone ${kib((after.rss - atHalf.rss) / (total - half))}); ` +
      `JS heap + buffers ${kib((heldBy(after) - heldBy(before)) / total)} per connection (second half ${kib((heldBy(after) - heldBy(atHalf)) / (total - half))})`,
  );
  if (sockets.length !== total || stillOpen !== total) process.exitCode = 1;
  for (const socket of sockets) socket.terminate();
  await settle(1000);
});
