import { describe, expect, it } from 'vitest';
import { befriend, register } from '../support/factories.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';

describe.each(dialects)('direct conversations on %s (DM policy: friends)', (dialect) => {
  const server = useServer(dialect);

  it('opens the same direct conversation for both friends, with the other person as peer', async () => {
    const alice = await register(server(), 'alice');
    const bob = await register(server(), 'bob');
    await befriend(server(), alice, bob);
    const mine = await api(server(), 'POST', '/conversations/direct', {
      token: alice.token,
      json: { userId: bob.user.id },
    });
    const theirs = await api(server(), 'POST', '/conversations/direct', {
      token: bob.token,
      json: { userId: alice.user.id },
    });
    expect(mine.status).toBe(200);
    expect(theirs.body.id).toBe(mine.body.id);
    expect(mine.body).toMatchObject({ kind: 'direct', memberCount: 2, myRole: 'member' });
    expect(mine.body.peer.id).toBe(bob.user.id);
    expect(theirs.body.peer.id).toBe(alice.user.id);
  });

  it('refuses a direct conversation with a stranger, without saying why', async () => {
    const alice = await register(server(), 'alice');
    const carol = await register(server(), 'carol');
    const res = await api(server(), 'POST', '/conversations/direct', {
      token: alice.token,
      json: { userId: carol.user.id },
    });
    expectError(res, 403, 'cannot_message');
  });

  it('refuses yourself and unknown people', async () => {
    const alice = await register(server(), 'alice');
    expectError(
      await api(server(), 'POST', '/conversations/direct', {
        token: alice.token,
        json: { userId: alice.user.id },
      }),
      400,
      'invalid_request',
      'userId',
    );
    expectError(
      await api(server(), 'POST', '/conversations/direct', {
        token: alice.token,
        json: { userId: 'no-such-user' },
      }),
      404,
      'not_found',
    );
  });

  it('lists my conversations with the lobby and my direct ones, and hides others’', async () => {
    const alice = await register(server(), 'alice');
    const bob = await register(server(), 'bob');
    const carol = await register(server(), 'carol');
    await befriend(server(), alice, bob);
    const list = await api(server(), 'GET', '/conversations', { token: alice.token });
    expect(list.status).toBe(200);
    const kinds = list.body.conversations.map((c: { kind: string }) => c.kind).sort();
    expect(kinds).toEqual(['direct', 'lobby']);
    const direct = list.body.conversations.find((c: { kind: string }) => c.kind === 'direct');
    expectError(
      await api(server(), 'GET', `/conversations/${direct.id}`, { token: carol.token }),
      404,
      'not_found',
    );
    expectError(
      await api(server(), 'GET', `/conversations/${direct.id}/messages`, { token: carol.token }),
      404,
      'not_found',
    );
    expectError(
      await api(server(), 'GET', `/conversations/${direct.id}/members`, { token: carol.token }),
      404,
      'not_found',
    );
  });
});

describe.each(dialects)('direct conversations on %s (DM policy: anyone)', (dialect) => {
  const server = useServer(dialect, { dmPolicy: 'anyone' });

  it('lets anyone open one, but not someone the other person has blocked', async () => {
    const alice = await register(server(), 'alice');
    const carol = await register(server(), 'carol');
    const dave = await register(server(), 'dave');
    const res = await api(server(), 'POST', '/conversations/direct', {
      token: alice.token,
      json: { userId: carol.user.id },
    });
    expect(res.status).toBe(200);
    expect((await api(server(), 'PUT', `/blocks/${dave.user.id}`, { token: carol.token })).status).toBe(204);
    expectError(
      await api(server(), 'POST', '/conversations/direct', {
        token: dave.token,
        json: { userId: carol.user.id },
      }),
      403,
      'cannot_message',
    );
  });
});
