import { limits } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { type Person, people, register } from '../support/factories.ts';
import { api, expectError } from '../support/http.ts';
import { settle } from '../support/markers.ts';
import { dialects, useServer } from '../support/server.ts';
import { type Frame, type TestSocket, closeAll, openSocket, openSockets } from '../support/socket.ts';

function ask(server: TestServer, from: Person, to: Person, note?: string) {
  return api(server, 'POST', '/friend-requests', {
    token: from.token,
    json: { userId: to.user.id, ...(note !== undefined && { note }) },
  });
}

function answer(server: TestServer, person: Person, requestId: string, verb: 'accept' | 'decline') {
  return api(server, 'POST', `/friend-requests/${requestId}/${verb}`, { token: person.token });
}

/** The first frame after `after` that matches. */
function eventAfter(socket: TestSocket, after: Frame, name: string, where: (data: Frame['data']) => boolean) {
  return socket.waitFor(
    (f) => socket.frames.indexOf(f) > socket.frames.indexOf(after) && f.event === name && where(f.data),
    `${name} after ${after.event}`,
  );
}

describe.each(dialects)('friend requests on %s', (dialect) => {
  const server = useServer(dialect);

  it("bob hears alice's request live with her note, alice's other device too, and carol nothing", async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [aliceSocket, bobSocket, carolSocket] = await openSockets(server(), alice, bob, carol);
    const res = await ask(server(), alice, bob, "I'm Alice from class 3");
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      status: 'pending',
      request: {
        id: expect.any(String),
        from: expect.objectContaining({ id: alice.user.id, username: alice.username }),
        to: expect.objectContaining({ id: bob.user.id }),
        note: "I'm Alice from class 3",
        status: 'pending',
        createdAt: expect.any(String),
        decidedAt: null,
      },
    });
    const heard = await bobSocket.waitForEvent('friend.requested');
    expect(heard.data).toEqual(res.body.request);
    await aliceSocket.waitForEvent('friend.requested', (d) => d.id === res.body.request.id);
    await settle(server(), carol, carolSocket);
    expect(carolSocket.events('friend.requested')).toEqual([]);
    await closeAll(aliceSocket, bobSocket, carolSocket);
  });

  it("lists the request as bob's incoming and alice's outgoing", async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const { request } = (await ask(server(), alice, bob)).body;
    expect(request.note).toBe('');
    const bobs = await api(server(), 'GET', '/friend-requests', { token: bob.token });
    expect(bobs.body).toEqual({ incoming: [request], outgoing: [], pendingCount: 1 });
    const alices = await api(server(), 'GET', '/friend-requests', { token: alice.token });
    expect(alices.body).toEqual({ incoming: [], outgoing: [request], pendingCount: 0 });
  });

  it('accepting makes them friends in a direct conversation that opens with friends.connected', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [aliceSocket, bobSocket, carolSocket] = await openSockets(server(), alice, bob, carol);
    const { request } = (await ask(server(), alice, bob)).body;
    const res = await answer(server(), bob, request.id, 'accept');
    expect(res.status).toBe(200);
    const friend = res.body.friend;
    expect(friend).toEqual({
      user: expect.objectContaining({ id: alice.user.id }),
      remark: null,
      since: expect.any(String),
      conversationId: expect.any(String),
      online: true,
      lastSeenAt: null,
    });
    const toBob = await bobSocket.waitForEvent('friend.accepted');
    expect(toBob.data).toEqual({ requestId: request.id, friend });
    const toAlice = await aliceSocket.waitForEvent('friend.accepted');
    expect(toAlice.data.friend).toMatchObject({
      user: { id: bob.user.id },
      conversationId: friend.conversationId,
    });

    const alicesFriends = await api(server(), 'GET', '/friends', { token: alice.token });
    expect(alicesFriends.body.friends).toEqual([toAlice.data.friend]);
    const bobsFriends = await api(server(), 'GET', '/friends', { token: bob.token });
    expect(bobsFriends.body.friends).toEqual([friend]);
    for (const person of [alice, bob]) {
      const conversation = await api(server(), 'GET', `/conversations/${friend.conversationId}`, {
        token: person.token,
      });
      expect(conversation.status).toBe(200);
      expect(conversation.body.kind).toBe('direct');
      const page = await api(server(), 'GET', `/conversations/${friend.conversationId}/messages`, {
        token: person.token,
      });
      expect(page.body.messages.map((m: Frame['data']) => m.notice)).toEqual([
        { type: 'friends.connected', actorId: bob.user.id, userIds: [alice.user.id] },
      ]);
      const requests = await api(server(), 'GET', '/friend-requests', { token: person.token });
      expect(requests.body).toEqual({ incoming: [], outgoing: [], pendingCount: 0 });
    }
    await settle(server(), carol, carolSocket);
    expect(carolSocket.events('friend.accepted')).toEqual([]);
    await closeAll(aliceSocket, bobSocket, carolSocket);
  });

  it('tells each new friend that the other is online, once they are friends', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const [aliceSocket, bobSocket] = await openSockets(server(), alice, bob);
    const { request } = (await ask(server(), alice, bob)).body;
    await answer(server(), bob, request.id, 'accept');
    for (const [socket, other] of [
      [aliceSocket, bob],
      [bobSocket, alice],
    ] as const) {
      const accepted = await socket.waitForEvent('friend.accepted');
      const presence = await eventAfter(
        socket,
        accepted,
        'presence.changed',
        (d) => d.userId === other.user.id,
      );
      expect(presence.data).toEqual({ userId: other.user.id, online: true, lastSeenAt: expect.any(String) });
    }
    await closeAll(aliceSocket, bobSocket);
  });

  it('sends no presence for a new friend who is offline', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const aliceSocket = await openSocket(server(), alice.token);
    const { request } = (await ask(server(), alice, bob)).body;
    const res = await answer(server(), bob, request.id, 'accept');
    expect(res.body.friend.online).toBe(true);
    const accepted = await aliceSocket.waitForEvent('friend.accepted');
    expect(accepted.data.friend.online).toBe(false);
    await settle(server(), alice, aliceSocket);
    const after = aliceSocket.frames.slice(aliceSocket.frames.indexOf(accepted));
    expect(after.filter((f) => f.event === 'presence.changed' && f.data.userId === bob.user.id)).toEqual([]);
    await aliceSocket.close();
  });

  it('a request to someone who had already asked accepts theirs', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const bobSocket = await openSocket(server(), bob.token);
    const theirs = (await ask(server(), bob, alice)).body.request;
    const res = await ask(server(), alice, bob);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'accepted',
      request: { id: theirs.id, status: 'accepted', from: { id: bob.user.id }, to: { id: alice.user.id } },
      friend: { user: { id: bob.user.id }, conversationId: expect.any(String) },
    });
    const heard = await bobSocket.waitForEvent('friend.accepted');
    expect(heard.data).toMatchObject({ requestId: theirs.id, friend: { user: { id: alice.user.id } } });
    const bobsFriends = await api(server(), 'GET', '/friends', { token: bob.token });
    expect(bobsFriends.body.friends.map((f: Frame['data']) => f.user.id)).toEqual([alice.user.id]);
    await bobSocket.close();
  });

  it('refuses asking yourself, unknown users, friends, twice, and bad notes', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    expectError(await ask(server(), alice, alice), 400, 'invalid_request', 'userId');
    const ghost = { ...bob, user: { ...bob.user, id: '019a0000-0000-7000-8000-000000000000' } };
    expectError(await ask(server(), alice, ghost), 404, 'not_found');
    expectError(
      await ask(server(), alice, bob, 'x'.repeat(limits.requestNoteMax + 1)),
      400,
      'invalid_request',
      'note',
    );
    expectError(await ask(server(), alice, bob, 'hi\u0007'), 400, 'invalid_request', 'note');
    expectError(await ask(server(), alice, bob, 'hi\u202Eih'), 400, 'invalid_request', 'note');
    const extra = await api(server(), 'POST', '/friend-requests', {
      token: alice.token,
      json: { userId: bob.user.id, message: 'hi' },
    });
    expectError(extra, 400, 'invalid_request', 'message');
    expect((await ask(server(), alice, bob, 'x'.repeat(limits.requestNoteMax))).status).toBe(201);
    expectError(await ask(server(), alice, bob), 409, 'already_requested');
    const { request } = (await ask(server(), carol, bob)).body;
    await answer(server(), bob, request.id, 'accept');
    expectError(await ask(server(), carol, bob), 409, 'already_friends');
    expectError(await ask(server(), bob, carol), 409, 'already_friends');
  });

  it(`refuses more than ${limits.pendingFriendRequestsMax} requests waiting at once`, async () => {
    const alice = await register(server(), 'alice');
    const people: Person[] = [];
    for (let i = 0; i < limits.pendingFriendRequestsMax + 1; i += 20) {
      people.push(...(await Promise.all(Array.from({ length: 20 }, () => register(server(), 'bob')))));
    }
    const waiting = people.slice(0, limits.pendingFriendRequestsMax);
    const statuses = await Promise.all(waiting.map((p) => ask(server(), alice, p).then((r) => r.status)));
    expect(statuses.every((s) => s === 201)).toBe(true);
    const over = people[limits.pendingFriendRequestsMax]!;
    expectError(await ask(server(), alice, over), 409, 'limit_reached');
    // Withdrawing one makes room again.
    const outgoing = (await api(server(), 'GET', '/friend-requests', { token: alice.token })).body.outgoing;
    expect(outgoing).toHaveLength(limits.pendingFriendRequestsMax);
    await api(server(), 'DELETE', `/friend-requests/${outgoing[0].id}`, { token: alice.token });
    expect((await ask(server(), alice, over)).status).toBe(201);
    // 120 accounts and 100 requests: give it room on a busy two-core CI machine.
  }, 60_000);

  it('lets only the recipient accept, and only once', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const { request } = (await ask(server(), alice, bob)).body;
    expectError(await answer(server(), alice, request.id, 'accept'), 404, 'not_found');
    expectError(await answer(server(), carol, request.id, 'accept'), 404, 'not_found');
    expectError(await answer(server(), carol, request.id, 'decline'), 404, 'not_found');
    expectError(await answer(server(), bob, 'no-such-request', 'accept'), 404, 'not_found');
    expectError(await answer(server(), bob, 'not an id', 'accept'), 400, 'invalid_request');
    expect((await answer(server(), bob, request.id, 'accept')).status).toBe(200);
    expectError(await answer(server(), bob, request.id, 'accept'), 409, 'already_handled');
    expectError(await answer(server(), bob, request.id, 'decline'), 409, 'already_handled');
    const cancel = await api(server(), 'DELETE', `/friend-requests/${request.id}`, { token: alice.token });
    expectError(cancel, 409, 'already_handled');
  });

  it("declining tells alice and bob's other devices, not carol; alice may ask again", async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [aliceSocket, bobSocket, carolSocket] = await openSockets(server(), alice, bob, carol);
    const { request } = (await ask(server(), alice, bob)).body;
    const res = await answer(server(), bob, request.id, 'decline');
    expect(res.status).toBe(204);
    for (const socket of [aliceSocket, bobSocket]) {
      const event = await socket.waitForEvent('friend.declined');
      expect(event.data).toEqual({ requestId: request.id });
    }
    for (const person of [alice, bob]) {
      const lists = await api(server(), 'GET', '/friend-requests', { token: person.token });
      expect(lists.body).toEqual({ incoming: [], outgoing: [], pendingCount: 0 });
    }
    await settle(server(), carol, carolSocket);
    expect(carolSocket.events('friend.declined')).toEqual([]);
    expect((await ask(server(), alice, bob)).status).toBe(201);
    await closeAll(aliceSocket, bobSocket, carolSocket);
  });

  it('only the sender may withdraw a request; bob hears friend.cancelled and carol nothing', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [aliceSocket, bobSocket, carolSocket] = await openSockets(server(), alice, bob, carol);
    const { request } = (await ask(server(), alice, bob)).body;
    const path = `/friend-requests/${request.id}`;
    expectError(await api(server(), 'DELETE', path, { token: bob.token }), 404, 'not_found');
    expectError(await api(server(), 'DELETE', path, { token: carol.token }), 404, 'not_found');
    expect((await api(server(), 'DELETE', path, { token: alice.token })).status).toBe(204);
    for (const socket of [bobSocket, aliceSocket]) {
      const event = await socket.waitForEvent('friend.cancelled');
      expect(event.data).toEqual({ requestId: request.id });
    }
    const bobs = await api(server(), 'GET', '/friend-requests', { token: bob.token });
    expect(bobs.body.incoming).toEqual([]);
    expectError(await answer(server(), bob, request.id, 'accept'), 409, 'already_handled');
    expectError(await api(server(), 'DELETE', path, { token: alice.token }), 409, 'already_handled');
    await settle(server(), carol, carolSocket);
    expect(carolSocket.events('friend.cancelled')).toEqual([]);
    await closeAll(aliceSocket, bobSocket, carolSocket);
  });
});
