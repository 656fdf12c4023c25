import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { type Person, befriend, people } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { heardAbout } from '../support/markers.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSockets } from '../support/socket.ts';

const kick = (server: TestServer, by: Person, groupId: string, whom: Person) =>
  api(server, 'DELETE', `/groups/${groupId}/members/${whom.user.id}`, { token: by.token });
const patchMember = (server: TestServer, by: Person, groupId: string, whom: Person, json: unknown) =>
  api(server, 'PATCH', `/groups/${groupId}/members/${whom.user.id}`, { token: by.token, json });
const leave = (server: TestServer, person: Person, groupId: string) =>
  api(server, 'POST', `/groups/${groupId}/leave`, { token: person.token });

/** alice owns a group with bob as admin and carol and dave as plain members; erin is outside. */
async function staffedGroup(server: TestServer) {
  const [alice, bob, carol, dave, erin] = await people(server, 'alice', 'bob', 'carol', 'dave', 'erin');
  await befriend(server, alice, bob, carol, dave);
  const group = await makeGroup(server, alice, { memberIds: [bob.user.id, carol.user.id, dave.user.id] });
  expect((await patchMember(server, alice, group.id, bob, { role: 'admin' })).status).toBe(200);
  return { alice, bob, carol, dave, erin, group } as const;
}

describe.each(dialects)('managing groups on %s', (dialect) => {
  const server = useServer(dialect);

  it('a removed member stops receiving the group at once', async () => {
    const { alice, bob, carol, erin, group } = await staffedGroup(server());
    const sockets = await openSockets(server(), bob, carol, erin);
    const [bobSocket, carolSocket, erinSocket] = sockets;
    expect((await kick(server(), alice, group.id, carol)).status).toBe(204);
    const removed = { conversationId: group.id, userId: carol.user.id, reason: 'removed' };
    const notice = { type: 'member.removed', actorId: alice.user.id, userIds: [carol.user.id] };
    for (const [person, socket] of [
      [bob, bobSocket],
      [carol, carolSocket],
    ] as const) {
      const heard = await heardAbout(server(), person, socket, group.id);
      expect(heard.map((f) => f.event)).toEqual(['message.created', 'member.removed']);
      expect(heard[0]!.data.notice).toEqual(notice);
      expect(heard[1]!.data).toEqual(removed);
    }
    expect(await heardAbout(server(), erin, erinSocket, group.id)).toEqual([]);

    const rename = await api(server(), 'PATCH', `/groups/${group.id}`, {
      token: alice.token,
      json: { name: 'After' },
    });
    expect(rename.status).toBe(200);
    const toBob = await heardAbout(server(), bob, bobSocket, group.id);
    expect(toBob.slice(2).map((f) => f.event)).toEqual(['message.created', 'conversation.updated']);
    expect(await heardAbout(server(), carol, carolSocket, group.id)).toHaveLength(2);
    expectError(
      await api(server(), 'GET', `/conversations/${group.id}`, { token: carol.token }),
      404,
      'not_found',
    );
    const members = await api(server(), 'GET', `/conversations/${group.id}/members`, { token: bob.token });
    expect(members.body.members).toHaveLength(3);
    await closeAll(...sockets);
  });

  it('the owner removes anyone else, an admin plain members only, a member nobody', async () => {
    const { alice, bob, carol, dave, erin, group } = await staffedGroup(server());
    expectError(await kick(server(), carol, group.id, dave), 403, 'forbidden');
    expectError(await kick(server(), bob, group.id, alice), 403, 'forbidden');
    expectError(await kick(server(), alice, group.id, alice), 403, 'forbidden');
    expectError(await kick(server(), erin, group.id, dave), 404, 'not_found');
    expectError(await kick(server(), alice, group.id, erin), 404, 'not_found');
    expect((await patchMember(server(), alice, group.id, carol, { role: 'admin' })).status).toBe(200);
    expectError(await kick(server(), bob, group.id, carol), 403, 'forbidden');
    expect((await kick(server(), bob, group.id, dave)).status).toBe(204);
    expect((await kick(server(), alice, group.id, bob)).status).toBe(204);
    const lobby = await server()
      .parley.services.store.db.selectFrom('conversations')
      .select('id')
      .where('kind', '=', 'lobby')
      .executeTakeFirst();
    if (lobby) expectError(await kick(server(), alice, lobby.id, bob), 403, 'forbidden');
  });

  it('a member leaves; the owner must hand the group on first unless alone, which dissolves it', async () => {
    const { alice, bob, carol, group } = await staffedGroup(server());
    const [aliceSocket, carolSocket] = await openSockets(server(), alice, carol);
    expect((await leave(server(), carol, group.id)).status).toBe(204);
    const left = { conversationId: group.id, userId: carol.user.id, reason: 'left' };
    for (const [person, socket] of [
      [alice, aliceSocket!],
      [carol, carolSocket!],
    ] as const) {
      const heard = await heardAbout(server(), person, socket, group.id);
      expect(heard.map((f) => f.event)).toEqual(['message.created', 'member.removed']);
      expect(heard[0]!.data.notice).toEqual({
        type: 'member.left',
        actorId: carol.user.id,
        userIds: [carol.user.id],
      });
      expect(heard[1]!.data).toEqual(left);
    }
    expectError(await leave(server(), carol, group.id), 404, 'not_found');
    const refused = await leave(server(), alice, group.id);
    expectError(refused, 403, 'forbidden');
    expect(refused.body.error.message).toMatch(/transfer/);

    const [solo] = await people(server(), 'solo');
    const alone = await makeGroup(server(), solo!);
    expect((await leave(server(), solo!, alone.id)).status).toBe(204);
    const preview = await api(server(), 'GET', `/groups/${alone.id}/preview`, { token: bob.token });
    expectError(preview, 404, 'not_found');
    await closeAll(aliceSocket, carolSocket);
  });

  it('the owner promotes and demotes; members hear member.updated', async () => {
    const { alice, bob, carol, erin, group } = await staffedGroup(server());
    const [carolSocket, erinSocket] = await openSockets(server(), carol, erin);
    const promoted = await patchMember(server(), alice, group.id, carol, { role: 'admin' });
    expect(promoted.status, promoted.text).toBe(200);
    expect(promoted.body).toMatchObject({ user: { id: carol.user.id }, role: 'admin', mutedUntil: null });
    expect((await patchMember(server(), alice, group.id, carol, { role: 'member' })).body.role).toBe(
      'member',
    );
    expectError(await patchMember(server(), bob, group.id, carol, { role: 'admin' }), 403, 'forbidden');
    expectError(await patchMember(server(), carol, group.id, bob, { role: 'member' }), 403, 'forbidden');
    expectError(await patchMember(server(), alice, group.id, alice, { role: 'member' }), 403, 'forbidden');
    expectError(
      await patchMember(server(), alice, group.id, carol, { role: 'owner' }),
      400,
      'invalid_request',
    );
    expectError(await patchMember(server(), alice, group.id, erin, { role: 'admin' }), 404, 'not_found');
    expectError(await patchMember(server(), alice, group.id, carol, {}), 400, 'invalid_request');

    const heard = await heardAbout(server(), carol, carolSocket!, group.id);
    expect(heard.map((f) => [f.event, f.data.member?.role ?? f.data.notice?.type])).toEqual([
      ['message.created', 'member.promoted'],
      ['member.updated', 'admin'],
      ['message.created', 'member.demoted'],
      ['member.updated', 'member'],
    ]);
    expect(await heardAbout(server(), erin, erinSocket!, group.id)).toEqual([]);
    await closeAll(carolSocket, erinSocket);
  });

  it('the owner and admins mute; an admin mutes plain members only, and nobody the owner', async () => {
    const { alice, bob, carol, dave, group } = await staffedGroup(server());
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const muted = await patchMember(server(), bob, group.id, carol, { mutedUntil: until });
    expect(muted.status, muted.text).toBe(200);
    expect(muted.body).toMatchObject({ role: 'member', mutedUntil: until });
    const mine = await api(server(), 'GET', `/conversations/${group.id}`, { token: carol.token });
    expect(mine.body.myMutedUntil).toBe(until);
    expect(
      (await patchMember(server(), alice, group.id, carol, { mutedUntil: null })).body.mutedUntil,
    ).toBeNull();
    expectError(await patchMember(server(), bob, group.id, alice, { mutedUntil: until }), 403, 'forbidden');
    expectError(await patchMember(server(), dave, group.id, carol, { mutedUntil: until }), 403, 'forbidden');
    expect((await patchMember(server(), alice, group.id, dave, { role: 'admin' })).status).toBe(200);
    expectError(await patchMember(server(), bob, group.id, dave, { mutedUntil: until }), 403, 'forbidden');
    expect((await patchMember(server(), alice, group.id, bob, { mutedUntil: until })).status).toBe(200);
    const past = new Date(Date.now() - 1000).toISOString();
    expectError(
      await patchMember(server(), alice, group.id, carol, { mutedUntil: past }),
      400,
      'invalid_request',
      'mutedUntil',
    );
    expectError(
      await patchMember(server(), alice, group.id, carol, { mutedUntil: 'soon' }),
      400,
      'invalid_request',
      'mutedUntil',
    );
    const messages = await api(server(), 'GET', `/conversations/${group.id}/messages`, {
      token: carol.token,
    });
    const types = messages.body.messages.map((m: { notice: { type: string; detail?: unknown } }) => m.notice);
    expect(types).toContainEqual({
      type: 'member.muted',
      actorId: bob.user.id,
      userIds: [carol.user.id],
      detail: { until },
    });
    expect(types).toContainEqual({
      type: 'member.unmuted',
      actorId: alice.user.id,
      userIds: [carol.user.id],
    });
  });

  it('the owner hands the group on and stays as an admin', async () => {
    const { alice, bob, carol, erin, group } = await staffedGroup(server());
    const [carolSocket, erinSocket] = await openSockets(server(), carol, erin);
    const transfer = (by: Person, whom: Person | string) =>
      api(server(), 'POST', `/groups/${group.id}/transfer`, {
        token: by.token,
        json: { userId: typeof whom === 'string' ? whom : whom.user.id },
      });
    expectError(await transfer(bob, carol), 403, 'forbidden');
    expectError(await transfer(alice, erin), 404, 'not_found');
    expectError(await transfer(alice, alice), 400, 'invalid_request', 'userId');
    const res = await transfer(alice, carol);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ ownerId: carol.user.id, myRole: 'admin' });
    const heard = await heardAbout(server(), carol, carolSocket!, group.id);
    expect(heard.map((f) => f.event)).toEqual([
      'message.created',
      'member.updated',
      'member.updated',
      'conversation.updated',
    ]);
    expect(heard[0]!.data.notice).toEqual({
      type: 'owner.changed',
      actorId: alice.user.id,
      userIds: [carol.user.id],
    });
    expect(heard.slice(1, 3).map((f) => [f.data.member.user.id, f.data.member.role])).toEqual([
      [carol.user.id, 'owner'],
      [alice.user.id, 'admin'],
    ]);
    expect(heard[3]!.data.ownerId).toBe(carol.user.id);
    expect(await heardAbout(server(), erin, erinSocket!, group.id)).toEqual([]);
    expect((await leave(server(), alice, group.id)).status).toBe(204);
    expectError(await kick(server(), bob, group.id, carol), 403, 'forbidden');
    await closeAll(carolSocket, erinSocket);
  });

  it('the owner dissolves the group; each member hears it, then every route on it is not found', async () => {
    const { alice, bob, carol, erin, group } = await staffedGroup(server());
    const [applicant] = await people(server(), 'frank');
    await api(server(), 'PATCH', `/groups/${group.id}`, {
      token: alice.token,
      json: { joinPolicy: 'approval' },
    });
    const requestId = (await api(server(), 'POST', `/groups/${group.id}/join`, { token: applicant!.token }))
      .body.request.id;
    expectError(await api(server(), 'DELETE', `/groups/${group.id}`, { token: bob.token }), 403, 'forbidden');
    expectError(
      await api(server(), 'DELETE', `/groups/${group.id}`, { token: erin.token }),
      404,
      'not_found',
    );
    const sockets = await openSockets(server(), bob, carol, erin);
    expect((await api(server(), 'DELETE', `/groups/${group.id}`, { token: alice.token })).status).toBe(204);
    for (const [person, socket] of [
      [bob, sockets[0]!],
      [carol, sockets[1]!],
    ] as const) {
      const heard = await heardAbout(server(), person, socket, group.id);
      expect(heard.map((f) => f.event)).toEqual(['message.created', 'member.removed']);
      expect(heard[0]!.data.notice).toEqual({ type: 'group.dissolved', actorId: alice.user.id, userIds: [] });
      expect(heard[1]!.data).toEqual({
        conversationId: group.id,
        userId: person.user.id,
        reason: 'dissolved',
      });
    }
    expect(await heardAbout(server(), erin, sockets[2]!, group.id)).toEqual([]);
    const gone = (method: string, path: string, person: Person, json?: unknown) =>
      api(server(), method, path, { token: person.token, ...(json !== undefined && { json }) });
    for (const res of [
      await gone('GET', `/conversations/${group.id}`, alice),
      await gone('GET', `/conversations/${group.id}/messages`, bob),
      await gone('PATCH', `/groups/${group.id}`, alice, { name: 'Back' }),
      await gone('DELETE', `/groups/${group.id}`, alice),
      await gone('POST', `/groups/${group.id}/join`, erin),
      await gone('GET', `/groups/${group.id}/preview`, erin),
      await gone('POST', `/groups/${group.id}/leave`, bob),
      await gone('POST', `/groups/${group.id}/invitations`, alice, { userIds: [bob.user.id] }),
      await gone('GET', `/groups/${group.id}/join-requests`, alice),
      await gone('POST', `/join-requests/${requestId}/approve`, alice),
      await gone('DELETE', `/groups/${group.id}/members/${carol.user.id}`, alice),
      await gone('POST', `/groups/${group.id}/transfer`, alice, { userId: bob.user.id }),
    ])
      expectError(res, 404, 'not_found');
    await closeAll(...sockets);
  });
});
