import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sleep } from './settings.ts';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const main = path.join(root, 'packages/server/src/main.ts');
// tsx's loader in this very process, not the tsx CLI: the CLI runs the server as its own child,
// and a SIGKILL to the CLI would leave that child running. The kill must hit the server.
const tsxLoader = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

/** A port free right now, for a server that must come back on the same one after each kill. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The real server entry point, run as `node --import tsx main.ts`, that can be killed and started again. */
export class ServerProcess {
  private child: ChildProcess | null = null;
  private stderr = '';
  readonly url: string;

  constructor(
    private readonly port: number,
    private readonly env: Record<string, string>,
    private readonly cwd: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** The running process's id (benchmarks read its CPU time from /proc). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process and resolves once `/api/v1/health` answers. */
  async start(timeoutMs = 30_000): Promise<void> {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('PARLEY_')),
    );
    // PARLEY_BENCH_PROFILE=<dir> (benchmarks only) writes a V8 CPU profile of the server there.
    const profile = process.env.PARLEY_BENCH_PROFILE;
    const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
    const child = spawn(process.execPath, [...nodeArgs, '--import', tsxLoader, main], {
      cwd: this.cwd,
      env: { ...clean, PARLEY_PORT: String(this.port), PARLEY_HOST: '127.0.0.1', ...this.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    child.stderr!.on(
      'data',
      (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)),
    );
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`the server did not start in time: ${this.stderr}`);
      try {
        if ((await fetch(`${this.url}/api/v1/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(25);
    }
  }

  /** SIGKILL: no shutdown, no flush, no goodbye to the sockets. Resolves once it is gone. */
  async kill(): Promise<void> {
    await this.end('SIGKILL');
  }

  /** SIGTERM: the clean shutdown. */
  async stop(): Promise<void> {
    await this.end('SIGTERM');
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    this.child = null;
  }
}
