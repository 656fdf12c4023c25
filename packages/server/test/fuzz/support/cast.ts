import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestServer } from '../../../src/testing.ts';
import { type Person, befriend, people } from '../../support/factories.ts';
import { api } from '../../support/http.ts';

/**
 * The people and rows a fuzz run aims at: alice (who sends everything), her friend bob, their
 * direct conversation, a group of alice's with bob in it, and one message. Real ids in the
 * generators let some requests through, so the fuzzer reaches the actions, not only the parsers.
 */
export interface Cast {
  alice: Person;
  bob: Person;
  directId: string;
  groupId: string;
  messageId: string;
  /** Every real id above, for the id generators. */
  ids: string[];
}

export async function castFor(server: TestServer): Promise<Cast> {
  const [alice, bob] = await people(server, 'alice', 'bob');
  await befriend(server, alice, bob);
  const direct = await api(server, 'POST', '/conversations/direct', {
    token: alice.token,
    json: { userId: bob.user.id },
  });
  expect(direct.status, direct.text).toBe(200);
  const group = await api(server, 'POST', '/groups', {
    token: alice.token,
    json: { name: 'Fuzz club', memberIds: [bob.user.id] },
  });
  expect(group.status, group.text).toBe(201);
  const sent = await api(server, 'POST', `/conversations/${direct.body.id}/messages`, {
    token: alice.token,
    json: { clientMsgId: randomUUID(), text: 'hello bob' },
  });
  expect(sent.status, sent.text).toBe(201);
  const ids = [alice.user.id, bob.user.id, direct.body.id, group.body.id, sent.body.id, 'lobby'];
  return {
    alice,
    bob,
    directId: direct.body.id,
    groupId: group.body.id,
    messageId: sent.body.id,
    ids,
  };
}
