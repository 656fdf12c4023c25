/**
 * What the connection benchmarks add to bench/send/support.ts: the server's process id (for
 * its memory), its resident memory from /proc, many accounts registered a few at a time, and a
 * percentile.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from '../send/support.ts';

/**
 * The id of the Parley server this process started (withServer runs it as our child:
 * `node --import tsx …/packages/server/src/main.ts`). withServer hands out its CPU time but
 * not its id, and resident memory needs the id.
 */
export function serverPid(): number {
  const children = readdirSync('/proc/self/task').flatMap((task) =>
    readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
  );
  const servers = children.filter((pid) =>
    readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('packages/server/src/main.ts'),
  );
  if (servers.length !== 1) throw new Error(`expected one server child, found ${servers.length}`);
  return servers[0]!;
}

/** The process's resident memory (VmRSS) in KiB, from /proc/<pid>/status. */
export function rssKiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line!.split(/\s+/)[1]);
}

const memoryFile = path.join(tmpdir(), `parley-bench-memory-${process.pid}.json`);

/**
 * Makes the servers this process starts from now on collect their garbage on request
 * (collectedMemory): their environment, which ServerProcess passes on, loads
 * collect-on-signal.mjs into them. Call before withServer(s).
 */
export function letServersCollectGarbage(): void {
  const preload = fileURLToPath(new URL('./collect-on-signal.mjs', import.meta.url));
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --expose-gc --import ${preload}`.trim();
  process.env.BENCH_MEMORY_FILE = memoryFile;
}

/**
 * The server's memory right after a full garbage collection (see letServersCollectGarbage):
 * resident (VmRSS) and the JavaScript heap in use plus memory outside it (buffers), in KiB.
 */
export async function collectedMemory(pid: number): Promise<{ rss: number; heap: number; external: number }> {
  rmSync(memoryFile, { force: true });
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + 30_000;
  while (!existsSync(memoryFile)) {
    if (Date.now() > deadline)
      throw new Error(
        'the server did not collect its garbage: was it started after letServersCollectGarbage?',
      );
    await settle(20);
  }
  const usage = JSON.parse(readFileSync(memoryFile, 'utf8')) as { heapUsed: number; external: number };
  rmSync(memoryFile, { force: true });
  return { rss: rssKiB(pid), heap: usage.heapUsed / 1024, external: usage.external / 1024 };
}

/** Registers `count` accounts named `<prefix><i>`, `concurrency` at a time; answers their session tokens. */
export async function registerMany(
  api: string,
  prefix: string,
  count: number,
  concurrency = 8,
): Promise<string[]> {
  const tokens: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      tokens[i] = (await register(api, `${prefix}${i}`)).token;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return tokens;
}

/** The `p`th percentile (0–100) of `values`, in their unit. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Waits `ms` milliseconds. */
export const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
