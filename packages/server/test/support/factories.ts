import { expect } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { type ApiResponse, api } from './http.ts';

let counter = 0;

/**
 * A username no other test on the same server uses: the fixture name plus a short unique
 * suffix ("alice" → "alice_3k9x1"). Usernames allow a–z, 0–9, _ . - and 32 characters.
 */
export function uniqueUsername(name: string): string {
  counter += 1;
  const suffix = `${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return `${name.slice(0, 32 - suffix.length - 1)}_${suffix}`.toLowerCase();
}

export const defaultPassword = 'correct horse battery';

export interface Person {
  token: string;
  username: string;
  password: string;
  user: { id: string; username: string; displayName: string; role: string; [key: string]: unknown };
  session: { id: string; deviceName: string; [key: string]: unknown };
}

export interface RegisterOptions {
  displayName?: string;
  password?: string;
  inviteCode?: string;
  deviceName?: string;
  /** Use this exact username instead of a unique one. */
  exactUsername?: string;
}

/** Registers a person (the name is made unique unless `exactUsername`) and returns their first session. */
export async function register(
  server: TestServer,
  name: string,
  options: RegisterOptions = {},
): Promise<Person> {
  const username = options.exactUsername ?? uniqueUsername(name);
  const password = options.password ?? defaultPassword;
  const res = await api(server, 'POST', '/auth/register', {
    json: {
      username,
      displayName: options.displayName ?? name[0]!.toUpperCase() + name.slice(1),
      password,
      ...(options.inviteCode !== undefined && { inviteCode: options.inviteCode }),
      ...(options.deviceName !== undefined && { deviceName: options.deviceName }),
    },
  });
  expect(res.status, `register ${username}: ${res.text}`).toBe(201);
  return {
    token: res.body.token,
    username: res.body.user.username,
    password,
    user: res.body.user,
    session: res.body.session,
  };
}

/** Signs an existing person in again, as a new device session. */
export async function logIn(
  server: TestServer,
  person: Pick<Person, 'username' | 'password'>,
  deviceName?: string,
): Promise<Person> {
  const res = await api(server, 'POST', '/auth/login', {
    json: { username: person.username, password: person.password, ...(deviceName && { deviceName }) },
  });
  expect(res.status, `login ${person.username}: ${res.text}`).toBe(200);
  return {
    token: res.body.token,
    username: res.body.user.username,
    password: person.password,
    user: res.body.user,
    session: res.body.session,
  };
}

/** Registers people by fixture name, side by side; a tuple, so each is a Person. */
export async function people<N extends string[]>(
  server: TestServer,
  ...names: N
): Promise<{ [K in keyof N]: Person }> {
  return (await Promise.all(names.map((n) => register(server, n)))) as { [K in keyof N]: Person };
}

/**
 * Makes `a` friends with each of `others` the way users do: `a` asks, they accept, one after
 * another. Returns how each of them sees `a` as a friend, in the same order.
 */
export async function befriend(
  server: TestServer,
  a: Person,
  ...others: Person[]
): Promise<ApiResponse['body'][]> {
  const friends = [];
  for (const b of others) {
    const asked = await api(server, 'POST', '/friend-requests', {
      token: a.token,
      json: { userId: b.user.id },
    });
    expect(asked.status, `friend request: ${asked.text}`).toBe(201);
    const accepted = await api(server, 'POST', `/friend-requests/${asked.body.request.id}/accept`, {
      token: b.token,
    });
    expect(accepted.status, `accept: ${accepted.text}`).toBe(200);
    friends.push(accepted.body.friend);
  }
  return friends;
}
