import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../proof/support/server-process.ts';
import { sleep } from '../../proof/support/settings.ts';

const deployDoc = new URL('../../../../../docs/deploy.md', import.meta.url);

/**
 * The nginx configuration of docs/deploy.md, made to run on loopback: the upstream's nodes
 * become `upstreams`, the TLS server listens on plain HTTP at `port`, and the redirect from
 * port 80 is left out. Everything else — WebSocket upgrade, buffering, timeouts, next
 * upstream — is exactly what the page tells operators to run.
 */
export function deployConfigFor(upstreams: string[], port: number): string {
  const doc = readFileSync(deployDoc, 'utf8');
  const block = /```nginx\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/deploy.md has no nginx block');
  const servers = [...block.matchAll(/^\s*server \S+:\d+ ([^;]*);$/gm)];
  if (servers.length === 0) throw new Error('the nginx block names no upstream servers');
  const options = servers[0]![1];
  let config = block.replace(
    /(upstream parley \{\n)(?:.*\n)*?(\s*keepalive)/,
    (_all, head: string, tail: string) =>
      `${head}${upstreams.map((u) => `    server ${u} ${options};\n`).join('')}${tail}`,
  );
  config = config.replace(/server \{\n\s*listen 80;[\s\S]*?\n\}\n/, '');
  config = config.replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${port};`);
  config = config.replace(/^\s*ssl_\w+ [^;]*;\n/gm, '');
  if (/443|ssl/.test(config))
    throw new Error('docs/deploy.md: the TLS server block changed shape; update deployConfigFor');
  return config;
}

/** Debian's nginx, run by the test in a folder of its own with the deploy configuration. */
export class Nginx {
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly url: string,
  ) {}

  static async start(upstreams: string[]): Promise<Nginx> {
    const port = await freePort();
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-nginx-'));
    // nginx's workers run as an unprivileged user when the test runs as root.
    chmodSync(dir, 0o755);
    for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
      mkdirSync(path.join(dir, temp));
      chmodSync(path.join(dir, temp), 0o777);
    }
    const conf = path.join(dir, 'nginx.conf');
    writeFileSync(
      conf,
      [
        'worker_processes 1;',
        `error_log ${dir}/error.log warn;`,
        `pid ${dir}/nginx.pid;`,
        'events { worker_connections 1024; }',
        'http {',
        '  access_log off;',
        ...['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
          (t) => `  ${t === 'body' ? 'client_body' : t}_temp_path ${dir}/${t};`,
        ),
        deployConfigFor(upstreams, port),
        '}',
      ].join('\n'),
    );
    const child = spawn(
      existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx',
      ['-p', dir, '-c', conf, '-g', 'daemon off;'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (child.exitCode !== null) {
        const log = readFileSync(path.join(dir, 'error.log'), 'utf8');
        throw new Error(`nginx exited (${child.exitCode}): ${stderr}${log}`);
      }
      try {
        await fetch(`${url}/api/v1/health`);
        return new Nginx(child, dir, url);
      } catch {
        if (Date.now() > deadline) throw new Error(`nginx did not start: ${stderr}`);
        await sleep(25);
      }
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
