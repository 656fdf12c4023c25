import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * Where parley-tui keeps what must outlive it: per server, the session token and each user's
 * unsent messages. $PARLEY_TUI_STATE_DIR wins (tests point it at a temporary folder), then
 * the XDG base directory spec's state home.
 */
export function stateRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PARLEY_TUI_STATE_DIR) return env.PARLEY_TUI_STATE_DIR;
  const xdg = env.XDG_STATE_HOME || path.join(homedir(), '.local', 'state');
  return path.join(xdg, 'parley-tui');
}

/** One folder per server: `https://chat.example.org:8443/x` → `chat.example.org_8443_x`. */
export function serverDir(server: string, env: NodeJS.ProcessEnv = process.env): string {
  const url = new URL(server);
  const name = `${url.host}${url.pathname}`.replace(/[^a-zA-Z0-9.-]+/g, '_').replace(/_+$/, '');
  return path.join(stateRoot(env), name);
}

/**
 * Writes `data` as JSON readable by its owner alone (it holds a bearer token or private
 * messages), through a temporary file and a rename so a crash mid-write leaves the old file.
 */
export function writePrivateJson(file: string, data: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(data)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}
