import { expect } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import type { Person } from './factories.ts';
import { api } from './http.ts';

/** `owner` makes a group named "Class 3" (unless `body` says otherwise); returns it as they see it. */
export async function makeGroup(server: TestServer, owner: Person, body: Record<string, unknown> = {}) {
  const res = await api(server, 'POST', '/groups', {
    token: owner.token,
    json: { name: 'Class 3', ...body },
  });
  expect(res.status, res.text).toBe(201);
  return res.body;
}
