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
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { createTestDatabase } from '../../packages/server/src/testing.ts';
import { ServerProcess, freePort } from '../../packages/server/test/proof/support/server-process.ts';

const pairs = Number(process.argv[2] ?? 20);
const perSender = Number(process.argv[3] ?? 1000);
const window = Number(process.argv[4] ?? 32);
const dialect = process.argv[5] ?? 'sqlite';

async function post(url: string, body: unknown, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a benchmark reads what it needs
}

/** Opens a socket, says hello, and sends `count` messages keeping `window` in flight. */
async function sendAll(wsUrl: string, token: string, conversationId: string, count: number): Promise<number> {
  const ws = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  let next = 0;
  let acked = 0;
  const done = new Promise<void>((resolve, reject) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.re === 'hello') return pump();
      if (frame.re === undefined) return; // events
      if (frame.error) return reject(new Error(JSON.stringify(frame.error)));
      acked += 1;
      if (acked === count) resolve();
      else pump();
    });
  });
  const pump = () => {
    while (next < count && next - acked < window) {
      ws.send(
        JSON.stringify({
          id: `m${next}`,
          type: 'message.send',
          conversationId,
          clientMsgId: randomUUID(),
          text: `message ${next} 你好`,
        }),
      );
      next += 1;
    }
  };
  ws.send(JSON.stringify({ id: 'hello', type: 'hello', token }));
  await done;
  ws.close();
  return acked;
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'parley-bench-'));
const database = dialect === 'postgres' ? await createTestDatabase() : null;
const port = await freePort();
const server = new ServerProcess(
  port,
  {
    PARLEY_DATA_DIR: dataDir,
    PARLEY_PASSWORD_HASH_COST: '12',
    PARLEY_LOG_LEVEL: 'warn',
    PARLEY_REQUESTS_PER_MINUTE: '1000000',
    PARLEY_REGISTRATIONS_PER_HOUR: '1000000',
    PARLEY_LOBBY: 'false',
    ...(database && { PARLEY_DATABASE_URL: database.url }),
  },
  dataDir,
);
await server.start();
try {
  const api = `${server.url}/api/v1`;
  const senders: { token: string; conversationId: string }[] = [];
  for (let i = 0; i < pairs; i++) {
    const a = await post(`${api}/auth/register`, {
      username: `alice${i}`,
      displayName: `A${i}`,
      password: 'bench password',
    });
    const b = await post(`${api}/auth/register`, {
      username: `bob${i}`,
      displayName: `B${i}`,
      password: 'bench password',
    });
    const asked = await post(`${api}/friend-requests`, { userId: b.user.id }, a.token);
    const { friend } = await post(`${api}/friend-requests/${asked.request.id}/accept`, {}, b.token);
    senders.push({ token: a.token, conversationId: friend.conversationId });
  }
  const wsUrl = `${server.url.replace('http', 'ws')}/ws`;
  const started = performance.now();
  const acked = await Promise.all(senders.map((s) => sendAll(wsUrl, s.token, s.conversationId, perSender)));
  const seconds = (performance.now() - started) / 1000;
  const total = acked.reduce((a, b) => a + b, 0);
  console.warn(
    `${dialect}: ${total} direct messages stored and acked in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} msg/s (${pairs} senders, window ${window})`,
  );
} finally {
  await server.stop();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
