/**
 * What the send benchmarks share: a Parley server in its own process (SQLite or PostgreSQL,
 * limits raised so the benchmark is not throttled), a JSON POST helper, and a socket that says
 * hello, the pinning of server and load generator to their own cores, and what the runs print.
 * PARLEY_BENCH_PROFILE=<dir> also writes a V8 CPU profile of the server there.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { Probe } from './measure.ts';
import { createTestDatabase } from '../../packages/server/src/testing.ts';
import { RedisServer } from '../../packages/server/test/cluster/support/redis-server.ts';
import { ServerProcess, freePort } from '../../packages/server/test/proof/support/server-process.ts';

export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- a benchmark reads what it needs

export async function post(url: string, body: unknown, token?: string): Promise<Json> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

export async function register(
  api: string,
  username: string,
): Promise<{ token: string; user: { id: string } }> {
  return post(`${api}/auth/register`, { username, displayName: username, password: 'bench password' });
}

/** Opens a socket and resolves once its hello is answered. */
export async function signedInSocket(wsUrl: string, token: string): Promise<WebSocket> {
  // The load generator's own work is kept small (it has one core for up to 100 sockets): it
  // trusts the server's UTF-8 and offers no compression. The server checks what it receives.
  const ws = new WebSocket(wsUrl, { skipUTF8Validation: true, perMessageDeflate: false });
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  ws.send(JSON.stringify({ id: 'hello', type: 'hello', token }));
  await new Promise<void>((resolve, reject) => {
    const onHello = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString());
      if (frame.re !== 'hello') return;
      ws.off('message', onHello);
      if (frame.error) reject(new Error(JSON.stringify(frame.error)));
      else resolve();
    };
    ws.on('message', onHello);
  });
  return ws;
}

/**
 * Pins a process and all its threads to CPU cores (`taskset -a -cp`): the benchmarks put the
 * server on core 0 and themselves, the load generator, on core 1 (PARLEY_BENCH_PIN=0 turns it
 * off, e.g. on a one-core machine). Returns whether it was pinned.
 */
export function pin(pid: number | undefined, cores: string): boolean {
  if (pid === undefined || process.env.PARLEY_BENCH_PIN === '0') return false;
  execFileSync('taskset', ['-a', '-cp', cores, String(pid)], { stdio: 'ignore' });
  return true;
}

/** CPU seconds (user + system) the processes have used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pids: (number | undefined)[]): number {
  let ticks = 0;
  for (const pid of pids) {
    if (pid === undefined) continue;
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

/** CPU seconds the whole machine has spent busy so far (every process: servers, databases, the benchmark), from /proc/stat. */
export function machineCpuSeconds(): number {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = values.map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
}

/** p50 / p95 / p99 of `values` (ms), as the runs print them; the values are sorted once. */
export function latencyLine(values: number[]): string {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return `p50 ${at(50).toFixed(1)} / p95 ${at(95).toFixed(1)} / p99 ${at(99).toFixed(1)} ms (of ${values.length})`;
}

export interface Node {
  api: string;
  ws: string;
}

/** Runs `work` against a fresh server of `dialect`, then stops it and removes its data. */
export async function withServer<T>(
  dialect: string,
  work: (urls: { api: string; ws: string }) => Promise<T>,
): Promise<T> {
  return withServers(dialect, 1, (nodes) => work(nodes[0]!));
}

/**
 * Runs `work` against `count` fresh nodes of `dialect`: one node as `npm start` runs it, or a
 * cluster as docs/deploy.md describes (PostgreSQL, a Redis of the benchmark's own, a shared
 * blob folder). Stops everything afterwards and removes its data.
 */
export async function withServers<T>(
  dialect: string,
  count: number,
  work: (nodes: Node[], probe: Probe & { servers(): number; redis(): number }) => Promise<T>,
): Promise<T> {
  if (count > 1 && dialect !== 'postgres') throw new Error('several nodes need postgres');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'parley-bench-'));
  const database = dialect === 'postgres' ? await createTestDatabase() : null;
  const redis = count > 1 ? await RedisServer.start() : null;
  const servers: ServerProcess[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const nodeDir = path.join(dataDir, `node-${i}`);
      mkdirSync(nodeDir);
      servers.push(
        new ServerProcess(
          await freePort(),
          {
            PARLEY_DATA_DIR: nodeDir,
            PARLEY_PASSWORD_HASH_COST: '12',
            PARLEY_LOG_LEVEL: 'warn',
            PARLEY_REQUESTS_PER_MINUTE: '1000000',
            PARLEY_REGISTRATIONS_PER_HOUR: '1000000',
            PARLEY_LOBBY: 'false',
            ...(database && { PARLEY_DATABASE_URL: database.url }),
            // What synchronous=FULL costs (docs/reliability.md): PARLEY_SQLITE_SYNC=full npx tsx …
            ...(process.env.PARLEY_SQLITE_SYNC && { PARLEY_SQLITE_SYNC: process.env.PARLEY_SQLITE_SYNC }),
            ...(redis && { PARLEY_REDIS_URL: redis.url, PARLEY_BLOB_STORE: path.join(dataDir, 'blobs') }),
          },
          nodeDir,
        ),
      );
    }
    // The first node migrates the new database alone.
    await servers[0]!.start();
    await Promise.all(servers.slice(1).map((server) => server.start()));
    // The server(s) on core 0, this load generator on core 1 (see pin).
    for (const server of servers) pin(server.pid, '0');
    pin(process.pid, '1');
    return await work(
      servers.map((server) => ({
        api: `${server.url}/api/v1`,
        ws: `${server.url.replace('http', 'ws')}/ws`,
      })),
      {
        serverPids: servers.map((server) => server.pid!),
        ...(redis?.pid !== undefined && { redisPid: redis.pid }),
        ...(database && { databaseUrl: database.url }),
        servers: () => cpuSeconds(servers.map((s) => s.pid)),
        redis: () => cpuSeconds([redis?.pid]),
      },
    );
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await redis?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
