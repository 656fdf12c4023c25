import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { freePort } from '../../proof/support/server-process.ts';
import { sleep } from '../../proof/support/settings.ts';

/**
 * A Redis of the suite's own on a loopback port (Debian's redis-server), so a test may stop
 * and restart it without touching the machine's Redis or any other suite. Nothing is saved:
 * a restart comes back empty, as a real Redis without persistence would.
 */
export class RedisServer {
  private child: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  /** The running process's id (benchmarks read its CPU time from /proc). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.start();
    return server;
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.child = child;
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
      if (await answers(this.port)) return;
      if (Date.now() > deadline) throw new Error('redis-server did not start in time');
      await sleep(25);
    }
  }

  /** Stops it at once (SIGKILL: every client sees the connection drop). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }
}

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}
