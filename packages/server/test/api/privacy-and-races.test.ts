import { describe, expect, it } from 'vitest';
import { ensureLobby } from '../../src/actions/conversations/ensure-lobby.ts';
import { befriend, people } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';

describe.each(dialects)('privacy and races on %s', (dialect) => {
  const server = useServer(dialect, { dmPolicy: 'anyone', maxGroupSize: 50 });

  it('gives both people the same direct conversation when they open it at the same moment', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const [mine, theirs] = await Promise.all([
      api(server(), 'POST', '/conversations/direct', { token: alice.token, json: { userId: bob.user.id } }),
      api(server(), 'POST', '/conversations/direct', { token: bob.token, json: { userId: alice.user.id } }),
    ]);
    expect([mine.status, theirs.status]).toEqual([200, 200]);
    expect(mine.body.id).toBe(theirs.body.id);
  });

  it('answers a burst of duplicate requests to a blocker exactly as it answers anyone else', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    expect((await api(server(), 'PUT', `/blocks/${bob.user.id}`, { token: alice.token })).status).toBe(204);
    const burst = (from: typeof bob, to: typeof alice) =>
      Promise.all(
        Array.from({ length: 4 }, () =>
          api(server(), 'POST', '/friend-requests', { token: from.token, json: { userId: to.user.id } }),
        ),
      );
    const toBlocker = (await burst(bob, alice)).map((r) => r.status).sort();
    const toStranger = (await burst(bob, carol)).map((r) => r.status).sort();
    expect(toBlocker).toEqual([201, 409, 409, 409]);
    expect(toBlocker).toEqual(toStranger);
  });

  it('keeps someone who has blocked you out of your groups, without saying it was a block', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    await befriend(server(), alice, bob);
    expect((await api(server(), 'PUT', `/blocks/${alice.user.id}`, { token: bob.token })).status).toBe(204);
    const res = await api(server(), 'POST', '/groups', {
      token: alice.token,
      json: { name: 'Study group', memberIds: [bob.user.id] },
    });
    expectError(res, 403, 'not_friends', 'memberIds');
    const group = await makeGroup(server(), alice);
    expectError(
      await api(server(), 'POST', `/groups/${group.id}/invitations`, {
        token: alice.token,
        json: { userIds: [bob.user.id] },
      }),
      403,
      'not_friends',
      'userIds',
    );
  });

  it('tells clients the largest group size before they hit it', async () => {
    expect((await api(server(), 'GET', '/server')).body.maxGroupSize).toBe(50);
  });
});

describe.each(dialects)('a lobby switched off later on %s', (dialect) => {
  const server = useServer(dialect, { lobby: false });

  it('takes nobody new, even if it still exists from before', async () => {
    const [alice] = await people(server(), 'alice');
    // The lobby as an earlier run with PARLEY_LOBBY=true left it.
    await ensureLobby(server().parley.services.store.db);
    expectError(
      await api(server(), 'POST', '/groups/lobby/join', { token: alice.token, json: {} }),
      404,
      'not_found',
    );
  });
});
