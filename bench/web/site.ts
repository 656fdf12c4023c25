/**
 * A Parley site for the web benchmarks: the web client built for production into a folder of
 * its own, served by the real server (its own process, a fresh SQLite data folder, a free
 * port), with a user who has a friend, a direct chat with history and a few groups, so the
 * signed-in screens show what a person's would. `repo` is the checkout to build and serve
 * (this one by default; another, e.g. a `git worktree` of an older commit, to measure before
 * a change).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Me } from '@parley/protocol';
import { ParleyClient } from '../../packages/sdk/src/index.ts';

export const thisRepo = fileURLToPath(new URL('../../', import.meta.url));

export interface Site {
  url: string;
  /** The built client the server serves. */
  webDir: string;
  /** What the web client keeps in localStorage ('parley.session') for the seeded user. */
  session: { token: string; user: Me };
  /** The seeded direct chat, with history. */
  chatId: string;
  stop(): Promise<void>;
}

/** Builds `repo`'s web client (unless `webDir` is given), starts its server and seeds it. */
export async function startSite(repo: string, webDir?: string): Promise<Site> {
  const built = webDir ? null : mkdtempSync(path.join(tmpdir(), 'parley-bench-web-'));
  if (built) {
    execFileSync(
      path.join(repo, 'node_modules/.bin/vite'),
      ['build', '--outDir', built, '--emptyOutDir', '--logLevel', 'error'],
      { cwd: path.join(repo, 'apps/web'), stdio: 'inherit' },
    );
  }
  const dir = (webDir ?? built)!;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'parley-bench-data-'));
  const server = await startServer(repo, dir, dataDir);
  const cleanup = async () => {
    await stopProcess(server.child);
    rmSync(dataDir, { recursive: true, force: true });
    if (built) rmSync(built, { recursive: true, force: true });
  };
  try {
    const seeded = await seed(server.url);
    return { url: server.url, webDir: dir, ...seeded, stop: cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startServer(repo: string, webDir: string, dataDir: string) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PARLEY_')) env[k] = v;
  Object.assign(env, {
    PARLEY_HOST: '127.0.0.1',
    PARLEY_PORT: String(port),
    PARLEY_DATA_DIR: dataDir,
    PARLEY_WEB_DIR: webDir,
    PARLEY_PASSWORD_HASH_COST: '12',
    PARLEY_REGISTRATIONS_PER_HOUR: '100000',
    PARLEY_REQUESTS_PER_MINUTE: '100000',
    PARLEY_LOG_LEVEL: 'warn',
  });
  // tsx's loader in this process (not the tsx CLI, whose child would outlive a kill).
  const loader = pathToFileURL(path.join(repo, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', loader, 'packages/server/src/main.ts'], {
    cwd: repo,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${stderr}`);
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`the server did not start in 60 s: ${stderr}`);
    }
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

const lines = [
  'Are we still on for Saturday?',
  'Yes! Meet at the trailhead at 8.',
  'I will bring coffee ☕',
  '周六见，别忘了带水。',
  'Do we need the big tent or the small one?',
  'The small one is enough for two.',
];

/** alice, her friend bob, their direct chat (60 messages) and five groups with a little talk. */
async function seed(url: string): Promise<Pick<Site, 'session' | 'chatId'>> {
  const password = 'bench password 1';
  const alice = await ParleyClient.register(
    { baseUrl: url },
    { username: 'alice', displayName: 'Alice', password },
  );
  const bob = await ParleyClient.register(
    { baseUrl: url },
    { username: 'bob', displayName: 'Bob Li', password },
  );
  const aliceId = alice.auth!.user.id;
  await bob.http.friends.request(aliceId);
  const { incoming } = await alice.http.friends.requests();
  await alice.http.friends.accept(incoming[0]!.id);
  const chat = await alice.http.conversations.openDirect(bob.auth!.user.id);
  for (let i = 0; i < 60; i += 1) {
    const from = i % 2 === 0 ? bob : alice;
    await from.http.messages.send(chat.id, {
      clientMsgId: crypto.randomUUID(),
      text: lines[i % lines.length]!,
    });
  }
  for (const name of ['Weekend hikers', 'Book club', '家人', 'Project Atlas', 'Board games']) {
    const group = await alice.http.groups.create({ name, memberIds: [bob.auth!.user.id] });
    for (let i = 0; i < 5; i += 1) {
      await bob.http.messages.send(group.id, { clientMsgId: crypto.randomUUID(), text: lines[i]! });
    }
  }
  return { session: { token: alice.token!, user: alice.auth!.user }, chatId: chat.id };
}
