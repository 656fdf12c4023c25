import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Me } from '@parley/protocol';
import { serverDir, writePrivateJson } from './state-dir.ts';

/**
 * The session token kept between runs, so the next start does not ask for the password, and
 * who it belongs to, so the client can start (and queue messages) before the server answers.
 */
export interface SavedLogin {
  token: string;
  user: Me;
}

const fileFor = (server: string) => path.join(serverDir(server), 'session.json');

export function loadLogin(server: string): SavedLogin | null {
  try {
    const saved = JSON.parse(readFileSync(fileFor(server), 'utf8')) as Partial<SavedLogin> | null;
    if (typeof saved?.token !== 'string' || typeof saved.user?.id !== 'string') return null;
    return { token: saved.token, user: saved.user };
  } catch {
    return null;
  }
}

/** Mode 0600: the token is as good as the password until the session is ended. */
export function saveLogin(server: string, login: SavedLogin): void {
  writePrivateJson(fileFor(server), login);
}

export function forgetLogin(server: string): void {
  rmSync(fileFor(server), { force: true });
}
