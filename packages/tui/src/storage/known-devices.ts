import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serverDir, writePrivateJson } from './state-dir.ts';

/**
 * The `knownDevice` values this terminal was given, one per account, per server (PROTOCOL.md,
 * `POST /api/v1/auth/login`). Sent back with the next login to that account, they let it in while others
 * guess the account's password; so they are kept past /signout, as the web client keeps them.
 */
const fileFor = (server: string) => path.join(serverDir(server), 'known-devices.json');

function load(server: string): Record<string, string> {
  try {
    const saved = JSON.parse(readFileSync(fileFor(server), 'utf8')) as unknown;
    return typeof saved === 'object' && saved !== null ? (saved as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function knownDeviceFor(server: string, username: string): string | undefined {
  const value = load(server)[username.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}

/** Mode 0600, like the session: the value is worth a few guesses at the password. */
export function keepKnownDevice(server: string, username: string, value: string): void {
  writePrivateJson(fileFor(server), { ...load(server), [username.toLowerCase()]: value });
}
