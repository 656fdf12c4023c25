import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A real Parley server process for the browser tests: `tsx packages/server/src/main.ts` with a
 * fresh temporary data folder (embedded SQLite), the lowest password hashing cost the server
 * allows, and rate limits far above what the suite does from one address. It serves the built
 * web client (the run's own build, see global-setup.ts). No PARLEY_* variable of the
 * developer's shell leaks in.
 */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const webDist = path.join(repoRoot, 'apps/web/dist');
/** Where the server logs are copied when a server stops (Playwright's output folder). */
export const resultsDir = path.join(repoRoot, 'apps/web/test-results');

export interface RunningServer {
  /** http://127.0.0.1:<port> */
  url: string;
  stop(): Promise<void>;
}

/** Starts a server; `settings` are extra environment settings, e.g. `{ PARLEY_SINGLE_SESSION: 'true' }`. */
export async function startServer(
  settings: Record<string, string> = {},
  name = 'server',
): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'parley-e2e-'));
  const logFile = path.join(dataDir, `${name}.log`);
  const log = openSync(logFile, 'a');
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PARLEY_')) env[k] = v;
  Object.assign(env, {
    PARLEY_HOST: '127.0.0.1',
    // 0: the system picks a free port, so runs (and other servers on the machine) never collide.
    PARLEY_PORT: process.env.PARLEY_E2E_PORT ?? '0',
    PARLEY_DATA_DIR: dataDir,
    PARLEY_WEB_DIR: process.env.PARLEY_E2E_WEB_DIR ?? webDist,
    PARLEY_PASSWORD_HASH_COST: '12',
    PARLEY_REGISTRATIONS_PER_HOUR: '100000',
    PARLEY_REQUESTS_PER_MINUTE: '100000',
    PARLEY_LOGIN_MAX_FAILURES: '1000',
    // A dead link (context.setOffline) is noticed within seconds instead of ~50 s.
    PARLEY_HEARTBEAT_MS: '4000',
    PARLEY_LOG_LEVEL: 'info',
    ...settings,
  });
  const child = spawn(path.join(repoRoot, 'node_modules/.bin/tsx'), ['packages/server/src/main.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', log],
  });
  let seen = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    writeSync(log, chunk);
    if (seen.length < 100_000) seen += chunk.toString();
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Parley did not start in 60 s:\n${seen}`)), 60_000);
      child.stdout!.on('data', () => {
        const match = /Parley is running at (http:\/\/[^\s"]+)/.exec(seen);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!.replace('localhost', '127.0.0.1').replace('0.0.0.0', '127.0.0.1'));
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Parley exited with ${code} before listening:\n${seen}`));
      });
    });
    return { url, stop: () => stop(child, dataDir, log, logFile, name) };
  } catch (err) {
    await stop(child, dataDir, log, logFile, name);
    throw err;
  }
}

async function stop(child: ChildProcess, dataDir: string, log: number, logFile: string, name: string) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  closeSync(log);
  try {
    mkdirSync(resultsDir, { recursive: true });
    copyFileSync(logFile, path.join(resultsDir, `${name}.log`));
  } catch {
    // The log is a debugging aid only.
  }
  rmSync(dataDir, { recursive: true, force: true });
}
