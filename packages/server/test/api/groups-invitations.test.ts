import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { type Person, befriend, people } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { heardAbout } from '../support/markers.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSocket, openSockets } from '../support/socket.ts';

const invite = (server: TestServer, by: Person, groupId: string, ...whom: Person[]) =>
  api(server, 'POST', `/groups/${groupId}/invitations`, {
    token: by.token,
    json: { userIds: whom.map((p) => p.user.id) },
  });
const answer = (server: TestServer, person: Person, id: string, verb: 'accept' | 'decline') =>
  api(server, 'POST', `/group-invitations/${id}/${verb}`, { token: person.token });

describe.each(dialects)('group invitations on %s', (dialect) => {
  const server = useServer(dialect);

  it('any member invites a friend, who alone hears it and sees it listed', async () => {
    const [alice, bob, carol, dave] = await people(server(), 'alice', 'bob', 'carol', 'dave');
    await befriend(server(), alice, bob);
    await befriend(server(), bob, carol);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id] });
    const sockets = await openSockets(server(), alice, carol, dave);
    const res = await invite(server(), bob, group.id, carol);
    expect(res.status, res.text).toBe(200);
    const invitation = {
      id: expect.any(String),
      group: {
        id: group.id,
        name: 'Class 3',
        description: '',
        avatar: null,
        avatarSmall: null,
        memberCount: 2,
        joinPolicy: 'approval',
      },
      inviter: expect.objectContaining({ id: bob.user.id, username: bob.username }),
      inviteeId: carol.user.id,
      status: 'pending',
      createdAt: expect.any(String),
      decidedAt: null,
    };
    expect(res.body).toEqual({ invitations: [invitation], added: [] });
    const heard = await heardAbout(server(), carol, sockets[1]!, group.id);
    expect(heard).toEqual([{ event: 'group.invited', data: { invitation: res.body.invitations[0] } }]);
    expect(await heardAbout(server(), alice, sockets[0]!, group.id)).toEqual([]);
    expect(await heardAbout(server(), dave, sockets[2]!, group.id)).toEqual([]);
    const list = await api(server(), 'GET', '/group-invitations', { token: carol.token });
    expect(list.body).toEqual({ invitations: [res.body.invitations[0]] });
    expect((await api(server(), 'GET', '/group-invitations', { token: dave.token })).body).toEqual({
      invitations: [],
    });
    await closeAll(...sockets);
  });

  it('accepting joins the group: the inviter hears the answer, members the newcomer', async () => {
    const [alice, bob, carol, dave] = await people(server(), 'alice', 'bob', 'carol', 'dave');
    await befriend(server(), alice, bob, carol);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id] });
    const invitationId = (await invite(server(), alice, group.id, carol)).body.invitations[0].id;
    const sockets = await openSockets(server(), alice, bob, carol, dave);
    const [aliceSocket, bobSocket, carolSocket, daveSocket] = sockets;

    const res = await answer(server(), carol, invitationId, 'accept');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: group.id, myRole: 'member', memberCount: 3 });
    const joined = {
      type: 'member.joined',
      actorId: carol.user.id,
      userIds: [carol.user.id],
      detail: { invitedBy: alice.user.id },
    };
    const answered = { invitationId, groupId: group.id, accepted: true };

    const toAlice = await heardAbout(server(), alice, aliceSocket, group.id);
    expect(toAlice.map((f) => f.event)).toEqual([
      'member.added',
      'message.created',
      'group.invitation.answered',
    ]);
    expect(toAlice[0]!.data.member).toMatchObject({
      user: { id: carol.user.id },
      role: 'member',
      mutedUntil: null,
    });
    expect(toAlice[1]!.data.notice).toEqual(joined);
    expect(toAlice[2]!.data).toEqual(answered);
    const toBob = await heardAbout(server(), bob, bobSocket, group.id);
    expect(toBob.map((f) => f.event)).toEqual(['member.added', 'message.created']);
    const toCarol = await heardAbout(server(), carol, carolSocket, group.id);
    expect(toCarol.map((f) => f.event)).toEqual([
      'message.created',
      'conversation.updated',
      'group.invitation.answered',
    ]);
    expect(toCarol[1]!.data).toMatchObject({ id: group.id, memberCount: 3 });
    expect(await heardAbout(server(), dave, daveSocket, group.id)).toEqual([]);

    expectError(await answer(server(), carol, invitationId, 'accept'), 409, 'already_handled');
    expectError(await answer(server(), carol, invitationId, 'decline'), 409, 'already_handled');
    expect(
      (await api(server(), 'GET', '/group-invitations', { token: carol.token })).body.invitations,
    ).toEqual([]);
    await closeAll(...sockets);
  });

  it('declining tells the inviter; only the invitee may answer', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    await befriend(server(), alice, bob);
    const group = await makeGroup(server(), alice);
    const invitationId = (await invite(server(), alice, group.id, bob)).body.invitations[0].id;
    const aliceSocket = await openSocket(server(), alice.token);
    expectError(await answer(server(), carol, invitationId, 'accept'), 404, 'not_found');
    expectError(await answer(server(), alice, invitationId, 'decline'), 404, 'not_found');
    expectError(await answer(server(), bob, 'no-such-invitation', 'accept'), 404, 'not_found');
    const res = await answer(server(), bob, invitationId, 'decline');
    expect(res.status, res.text).toBe(204);
    const heard = await heardAbout(server(), alice, aliceSocket, group.id);
    expect(heard).toEqual([
      { event: 'group.invitation.answered', data: { invitationId, groupId: group.id, accepted: false } },
    ]);
    expectError(await answer(server(), bob, invitationId, 'accept'), 409, 'already_handled');
    const members = await api(server(), 'GET', `/conversations/${group.id}/members`, { token: alice.token });
    expect(members.body.members).toHaveLength(1);
    // A declined invitation does not stand in the way of a new one.
    expect((await invite(server(), alice, group.id, bob)).status).toBe(200);
    await aliceSocket.close();
  });

  it('refuses strangers, members, second invitations, outsiders and the lobby', async () => {
    const [alice, bob, carol, dave] = await people(server(), 'alice', 'bob', 'carol', 'dave');
    await befriend(server(), alice, bob, carol);
    await befriend(server(), dave, carol);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id] });
    expectError(await invite(server(), alice, group.id, dave), 403, 'not_friends', 'userIds');
    expectError(await invite(server(), alice, group.id, carol, dave), 403, 'not_friends', 'userIds');
    expectError(await invite(server(), alice, group.id, bob), 409, 'already_member', 'userIds');
    expect((await invite(server(), alice, group.id, carol)).status).toBe(200);
    expectError(await invite(server(), alice, group.id, carol), 409, 'already_requested', 'userIds');
    expectError(await invite(server(), dave, group.id, carol), 404, 'not_found');
    expectError(await invite(server(), alice, 'no-such-group', carol), 404, 'not_found');
    const empty = await api(server(), 'POST', `/groups/${group.id}/invitations`, {
      token: alice.token,
      json: { userIds: [] },
    });
    expectError(empty, 400, 'invalid_request', 'userIds');
    const lobby = await server()
      .parley.services.store.db.selectFrom('members')
      .select('conversation_id')
      .where('conversation_id', '=', 'lobby')
      .where('user_id', '=', alice.user.id)
      .executeTakeFirst();
    if (lobby) expectError(await invite(server(), alice, 'lobby', carol), 403, 'forbidden');
  });

  it('an invitation to a group since dissolved is not found', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    await befriend(server(), alice, bob);
    const group = await makeGroup(server(), alice);
    const invitationId = (await invite(server(), alice, group.id, bob)).body.invitations[0].id;
    expect((await api(server(), 'DELETE', `/groups/${group.id}`, { token: alice.token })).status).toBe(204);
    expect((await api(server(), 'GET', '/group-invitations', { token: bob.token })).body.invitations).toEqual(
      [],
    );
    expectError(await answer(server(), bob, invitationId, 'accept'), 404, 'not_found');
    expectError(await answer(server(), bob, invitationId, 'decline'), 404, 'not_found');
  });

  it("in invite mode 'direct', friends join at once", async () => {
    const [alice, bob, carol, dave] = await people(server(), 'alice', 'bob', 'carol', 'dave');
    await befriend(server(), alice, bob);
    await befriend(server(), bob, carol, dave);
    const group = await makeGroup(server(), alice, { inviteMode: 'direct', memberIds: [bob.user.id] });
    const [aliceSocket, carolSocket] = await openSockets(server(), alice, carol);
    const res = await invite(server(), bob, group.id, carol, dave);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ invitations: [], added: [carol.user.id, dave.user.id] });
    const added = { type: 'member.added', actorId: bob.user.id, userIds: [carol.user.id, dave.user.id] };
    const toAlice = await heardAbout(server(), alice, aliceSocket!, group.id);
    expect(toAlice.map((f) => f.event)).toEqual(['member.added', 'member.added', 'message.created']);
    expect(toAlice[2]!.data.notice).toEqual(added);
    const toCarol = await heardAbout(server(), carol, carolSocket!, group.id);
    expect(toCarol.map((f) => f.event)).toEqual(['message.created', 'conversation.updated']);
    expect(toCarol[1]!.data).toMatchObject({ memberCount: 4 });
    expect(
      (await api(server(), 'GET', '/group-invitations', { token: carol.token })).body.invitations,
    ).toEqual([]);
    await closeAll(aliceSocket, carolSocket);
  });
});

describe.each(dialects)('a full group on %s', (dialect) => {
  const server = useServer(dialect, { maxGroupSize: 3 });

  it('refuses to make a group past the limit', async () => {
    const [alice, ...friends] = await people(server(), 'alice', 'bob', 'carol', 'dave');
    await befriend(server(), alice, ...friends);
    const res = await api(server(), 'POST', '/groups', {
      token: alice.token,
      json: { name: 'Too many', memberIds: friends.map((f) => f.user.id) },
    });
    expectError(res, 409, 'group_full');
  });

  it('refuses invitations past the limit, counting current members', async () => {
    const [alice, bob, carol, dave] = await people(server(), 'alice', 'bob', 'carol', 'dave');
    await befriend(server(), alice, bob, carol, dave);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id] });
    expectError(await invite(server(), alice, group.id, carol, dave), 409, 'group_full');
    await api(server(), 'PATCH', `/groups/${group.id}`, {
      token: alice.token,
      json: { inviteMode: 'direct' },
    });
    expectError(await invite(server(), alice, group.id, carol, dave), 409, 'group_full');
    expect((await invite(server(), alice, group.id, carol)).body.added).toEqual([carol.user.id]);
  });

  it('checks the room again when an invitation is accepted', async () => {
    const [alice, bob, carol, dave] = await people(server(), 'alice', 'bob', 'carol', 'dave');
    await befriend(server(), alice, bob, carol, dave);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id] });
    const toCarol = (await invite(server(), alice, group.id, carol)).body.invitations[0].id;
    const toDave = (await invite(server(), alice, group.id, dave)).body.invitations[0].id;
    expect((await answer(server(), carol, toCarol, 'accept')).status).toBe(200);
    expectError(await answer(server(), dave, toDave, 'accept'), 409, 'group_full');
    expect(
      (await api(server(), 'GET', '/group-invitations', { token: dave.token })).body.invitations,
    ).toHaveLength(1);
  });
});
