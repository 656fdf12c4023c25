import { expect } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { type Person, register } from './factories.ts';
import { api } from './http.ts';
import type { Frame, TestSocket } from './socket.ts';

// To show that a socket did NOT hear something, a test first makes sure it has heard everything
// sent before: the socket's owner does something that comes back to them, and the test waits for
// it. Events reach a socket in the order they were published, so once the marker is in, so is
// everything before it.

/**
 * Returns once `socket` has received everything addressed to `person` so far: `person` blocks
 * a fresh user and the socket hears `user.blocked`. (The fresh user joins the lobby, which
 * lobby members hear: where that matters, use `settleWithBio`.)
 */
export async function settle(server: TestServer, person: Person, socket: TestSocket): Promise<void> {
  const marker = await register(server, 'marker');
  await api(server, 'PUT', `/blocks/${marker.user.id}`, { token: person.token });
  await socket.waitForEvent('user.blocked', (d) => d.userId === marker.user.id);
}

/**
 * The same, by a profile change: `person` changes their bio and the socket hears their own
 * `user.updated` (which everyone who sees their profile hears too).
 */
export async function settleWithBio(server: TestServer, person: Person, socket: TestSocket): Promise<void> {
  const bio = `marker ${Math.random()}`;
  expect((await api(server, 'PATCH', '/me', { token: person.token, json: { bio } })).status).toBe(200);
  await socket.waitForEvent('user.updated', (d) => d.id === person.user.id && d.bio === bio);
}

/**
 * Every frame `socket` has heard about `id` (events only, presence and profiles aside), once it
 * has heard everything sent before (`settleWithBio`).
 */
export async function heardAbout(
  server: TestServer,
  person: Person,
  socket: TestSocket,
  id: string,
): Promise<Frame[]> {
  await settleWithBio(server, person, socket);
  return socket.frames.filter(
    (f) =>
      f.event !== undefined &&
      !['presence.changed', 'user.updated'].includes(f.event) &&
      JSON.stringify(f.data).includes(id),
  );
}
