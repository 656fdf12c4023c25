import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { type Person, befriend, people, register } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { heardAbout } from '../support/markers.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSockets } from '../support/socket.ts';

const join = (server: TestServer, person: Person, groupId: string, json?: unknown) =>
  api(server, 'POST', `/groups/${groupId}/join`, {
    token: person.token,
    ...(json !== undefined && { json }),
  });
const decide = (server: TestServer, person: Person, id: string, verb: 'approve' | 'reject') =>
  api(server, 'POST', `/join-requests/${id}/${verb}`, { token: person.token });

/** alice owns an approval group with bob as admin and carol as a plain member. */
async function staffedGroup(server: TestServer, body: Record<string, unknown> = {}) {
  const [alice, bob, carol, dave, erin] = await people(server, 'alice', 'bob', 'carol', 'dave', 'erin');
  await befriend(server, alice, bob, carol);
  const group = await makeGroup(server, alice, { memberIds: [bob.user.id, carol.user.id], ...body });
  await api(server, 'PATCH', `/groups/${group.id}/members/${bob.user.id}`, {
    token: alice.token,
    json: { role: 'admin' },
  });
  return { alice, bob, carol, dave, erin, group } as const;
}

describe.each(dialects)('joining groups on %s', (dialect) => {
  const server = useServer(dialect);

  it('an open group lets dave straight in; members hear of him, outsiders nothing', async () => {
    const { alice, carol, dave, erin, group } = await staffedGroup(server(), { joinPolicy: 'open' });
    const sockets = await openSockets(server(), alice, dave, erin);
    const res = await join(server(), dave, group.id);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      status: 'joined',
      conversation: expect.objectContaining({ id: group.id, myRole: 'member', memberCount: 4 }),
    });
    const toAlice = await heardAbout(server(), alice, sockets[0]!, group.id);
    expect(toAlice.map((f) => f.event)).toEqual(['member.added', 'message.created']);
    expect(toAlice[1]!.data.notice).toEqual({
      type: 'member.joined',
      actorId: dave.user.id,
      userIds: [dave.user.id],
    });
    const toDave = await heardAbout(server(), dave, sockets[1]!, group.id);
    expect(toDave.map((f) => f.event)).toEqual(['message.created', 'conversation.updated']);
    expect(await heardAbout(server(), erin, sockets[2]!, group.id)).toEqual([]);
    expectError(await join(server(), dave, group.id), 409, 'already_member');
    expectError(await join(server(), carol, group.id), 409, 'already_member');
    await closeAll(...sockets);
  });

  it('an approval group files a request the owner and admins hear of, and nobody else', async () => {
    const { alice, bob, carol, dave, erin, group } = await staffedGroup(server());
    const sockets = await openSockets(server(), alice, bob, carol, dave, erin);
    const res = await join(server(), dave, group.id, { note: "I'm Dave from class 3" });
    expect(res.status, res.text).toBe(202);
    expect(res.body).toEqual({
      status: 'pending',
      request: {
        id: expect.any(String),
        group: expect.objectContaining({ id: group.id, name: 'Class 3', memberCount: 3 }),
        applicant: expect.objectContaining({ id: dave.user.id, username: dave.username }),
        note: "I'm Dave from class 3",
        status: 'pending',
        decidedBy: null,
        createdAt: expect.any(String),
        decidedAt: null,
      },
    });
    for (const [person, socket] of [
      [alice, sockets[0]!],
      [bob, sockets[1]!],
    ] as const) {
      expect(await heardAbout(server(), person, socket, group.id)).toEqual([
        { event: 'group.join.requested', data: { request: res.body.request } },
      ]);
    }
    for (const [person, socket] of [
      [carol, sockets[2]!],
      [dave, sockets[3]!],
      [erin, sockets[4]!],
    ] as const) {
      expect(await heardAbout(server(), person, socket, group.id)).toEqual([]);
    }
    expectError(await join(server(), dave, group.id), 409, 'already_requested');
    const list = (person: Person) =>
      api(server(), 'GET', `/groups/${group.id}/join-requests`, { token: person.token });
    // (dave's bio changed since: heardAbout's marker)
    expect((await list(bob)).body).toEqual({
      requests: [{ ...res.body.request, applicant: expect.objectContaining({ id: dave.user.id }) }],
    });
    expectError(await list(carol), 403, 'forbidden');
    expectError(await list(erin), 404, 'not_found');
    await closeAll(...sockets);
  });

  it('approving lets the applicant in; the applicant and managers hear the decision', async () => {
    const { alice, bob, carol, dave, erin, group } = await staffedGroup(server());
    const requestId = (await join(server(), dave, group.id)).body.request.id;
    expectError(await decide(server(), carol, requestId, 'approve'), 403, 'forbidden');
    expectError(await decide(server(), erin, requestId, 'approve'), 404, 'not_found');
    expectError(await decide(server(), bob, 'no-such-request', 'approve'), 404, 'not_found');
    const sockets = await openSockets(server(), alice, carol, dave, erin);
    const res = await decide(server(), bob, requestId, 'approve');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      id: requestId,
      status: 'accepted',
      decidedBy: bob.user.id,
      decidedAt: expect.any(String),
      group: { memberCount: 4 },
    });
    const joined = {
      type: 'member.joined',
      actorId: dave.user.id,
      userIds: [dave.user.id],
      detail: { approvedBy: bob.user.id },
    };
    const decided = { event: 'group.join.decided', data: { request: res.body } };
    const toAlice = await heardAbout(server(), alice, sockets[0]!, group.id);
    expect(toAlice.map((f) => f.event)).toEqual(['member.added', 'message.created', 'group.join.decided']);
    expect(toAlice[1]!.data.notice).toEqual(joined);
    expect(toAlice[2]).toEqual(decided);
    const toCarol = await heardAbout(server(), carol, sockets[1]!, group.id);
    expect(toCarol.map((f) => f.event)).toEqual(['member.added', 'message.created']);
    const toDave = await heardAbout(server(), dave, sockets[2]!, group.id);
    expect(toDave.map((f) => f.event)).toEqual([
      'message.created',
      'conversation.updated',
      'group.join.decided',
    ]);
    expect(await heardAbout(server(), erin, sockets[3]!, group.id)).toEqual([]);
    expectError(await decide(server(), alice, requestId, 'approve'), 409, 'already_handled');
    expectError(await decide(server(), alice, requestId, 'reject'), 409, 'already_handled');
    const messages = await api(server(), 'GET', `/conversations/${group.id}/messages`, { token: dave.token });
    expect(messages.body.messages.at(-1).notice).toEqual(joined);
    await closeAll(...sockets);
  });

  it('rejecting keeps the applicant out and tells only them and the managers', async () => {
    const { alice, bob, carol, dave, group } = await staffedGroup(server());
    const requestId = (await join(server(), dave, group.id)).body.request.id;
    const sockets = await openSockets(server(), bob, carol, dave);
    const res = await decide(server(), alice, requestId, 'reject');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'declined', decidedBy: alice.user.id });
    for (const [person, socket] of [
      [bob, sockets[0]!],
      [dave, sockets[2]!],
    ] as const) {
      expect(await heardAbout(server(), person, socket, group.id)).toEqual([
        { event: 'group.join.decided', data: { request: res.body } },
      ]);
    }
    expect(await heardAbout(server(), carol, sockets[1]!, group.id)).toEqual([]);
    expectError(await decide(server(), bob, requestId, 'approve'), 409, 'already_handled');
    expectError(
      await api(server(), 'GET', `/conversations/${group.id}`, { token: dave.token }),
      404,
      'not_found',
    );
    // A rejected applicant may ask again.
    expect((await join(server(), dave, group.id)).status).toBe(202);
    await closeAll(...sockets);
  });

  it('answers invite-only groups as unknown ones, and refuses direct conversations and long notes', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    await befriend(server(), alice, bob);
    const secret = await makeGroup(server(), alice, { joinPolicy: 'invite' });
    expectError(await join(server(), bob, secret.id), 404, 'not_found');
    expectError(await join(server(), bob, 'no-such-group'), 404, 'not_found');
    const open = await makeGroup(server(), alice);
    expectError(
      await join(server(), bob, open.id, { note: 'x'.repeat(201) }),
      400,
      'invalid_request',
      'note',
    );
    const direct = await api(server(), 'POST', '/conversations/direct', {
      token: alice.token,
      json: { userId: bob.user.id },
    });
    if (direct.status === 200) expectError(await join(server(), bob, direct.body.id), 404, 'not_found');
  });

  it('anyone may leave the lobby and join it again', async () => {
    const dave = await register(server(), 'dave');
    const lobby = await server()
      .parley.services.store.db.selectFrom('conversations')
      .select('id')
      .where('kind', '=', 'lobby')
      .executeTakeFirst();
    if (!lobby) return; // PARLEY_LOBBY is on by default; without a lobby there is nothing to test
    const member = await api(server(), 'GET', `/conversations/${lobby.id}`, { token: dave.token });
    if (member.status === 200) {
      expect((await api(server(), 'POST', `/groups/${lobby.id}/leave`, { token: dave.token })).status).toBe(
        204,
      );
    }
    const res = await join(server(), dave, lobby.id);
    expect(res.status, res.text).toBe(200);
    expect(res.body.conversation).toMatchObject({ id: lobby.id, kind: 'lobby', myRole: 'member' });
    expectError(await join(server(), dave, lobby.id), 409, 'already_member');
    const preview = await api(server(), 'GET', `/groups/${lobby.id}/preview`, { token: dave.token });
    expect(preview.body).toMatchObject({ id: lobby.id, joinPolicy: 'open' });
    const search = await api(server(), 'GET', '/groups?limit=50', { token: dave.token });
    expect(search.body.groups.map((g: { id: string }) => g.id)).not.toContain(lobby.id);
  });
});

describe.each(dialects)('joining a full group on %s', (dialect) => {
  const server = useServer(dialect, { maxGroupSize: 3 });

  it('refuses to join or approve past the limit', async () => {
    const { alice, carol, dave, erin, group } = await staffedGroup(server());
    expectError(await join(server(), dave, group.id), 409, 'group_full');
    await api(server(), 'DELETE', `/groups/${group.id}/members/${carol.user.id}`, { token: alice.token });
    const first = (await join(server(), dave, group.id)).body.request.id;
    const second = (await join(server(), erin, group.id)).body.request.id;
    expect((await decide(server(), alice, first, 'approve')).status).toBe(200);
    expectError(await decide(server(), alice, second, 'approve'), 409, 'group_full');
    await api(server(), 'PATCH', `/groups/${group.id}`, { token: alice.token, json: { joinPolicy: 'open' } });
    expectError(await join(server(), carol, group.id), 409, 'group_full');
  });
});
