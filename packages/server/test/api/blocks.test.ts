import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { type Person, people, register } from '../support/factories.ts';
import { api, expectError } from '../support/http.ts';
import { settle } from '../support/markers.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSocket, openSockets } from '../support/socket.ts';

function block(server: TestServer, person: Person, whom: Person) {
  return api(server, 'PUT', `/blocks/${whom.user.id}`, { token: person.token });
}

function unblock(server: TestServer, person: Person, whom: Person) {
  return api(server, 'DELETE', `/blocks/${whom.user.id}`, { token: person.token });
}

function ask(server: TestServer, from: Person, to: Person) {
  return api(server, 'POST', '/friend-requests', { token: from.token, json: { userId: to.user.id } });
}

async function requestsOf(server: TestServer, person: Person) {
  return (await api(server, 'GET', '/friend-requests', { token: person.token })).body;
}

describe.each(dialects)('blocks on %s', (dialect) => {
  const server = useServer(dialect);

  it("blocking tells alice's devices and bob nothing, and lists bob", async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const [laptop, phone, bobSocket] = await openSockets(server(), alice, alice, bob);
    expect((await block(server(), alice, bob)).status).toBe(204);
    for (const socket of [laptop, phone]) {
      expect((await socket.waitForEvent('user.blocked')).data).toEqual({ userId: bob.user.id });
    }
    const list = await api(server(), 'GET', '/blocks', { token: alice.token });
    expect(list.body).toEqual({
      blocks: [{ user: expect.objectContaining({ id: bob.user.id }), since: expect.any(String) }],
    });
    await settle(server(), bob, bobSocket);
    expect(bobSocket.events('user.blocked', (d) => d.userId === bob.user.id)).toEqual([]);
    await closeAll(laptop, phone, bobSocket);
  });

  it('blocking twice changes nothing and is announced once', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const socket = await openSocket(server(), alice.token);
    expect((await block(server(), alice, bob)).status).toBe(204);
    expect((await block(server(), alice, bob)).status).toBe(204);
    const { blocks } = (await api(server(), 'GET', '/blocks', { token: alice.token })).body;
    expect(blocks.map((b: { user: { id: string } }) => b.user.id)).toEqual([bob.user.id]);
    await settle(server(), alice, socket);
    expect(socket.events('user.blocked', (d) => d.userId === bob.user.id)).toHaveLength(1);
    await socket.close();
  });

  it('refuses blocking yourself, unknown users and malformed ids', async () => {
    const alice = await register(server(), 'alice');
    expectError(await block(server(), alice, alice), 400, 'invalid_request', 'userId');
    expectError(await unblock(server(), alice, alice), 400, 'invalid_request', 'userId');
    const ghost = { ...alice, user: { ...alice.user, id: '019a0000-0000-7000-8000-000000000000' } };
    expectError(await block(server(), alice, ghost), 404, 'not_found');
    expectError(await unblock(server(), alice, ghost), 404, 'not_found');
    const bad = await api(server(), 'PUT', '/blocks/no*such', { token: alice.token });
    expectError(bad, 400, 'invalid_request', 'userId');
  });

  it("a blocked user's request looks sent to them but never reaches the blocker", async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    await block(server(), alice, bob);
    const [aliceSocket, bobSocket] = await openSockets(server(), alice, bob);
    const res = await ask(server(), bob, alice);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending', request: { status: 'pending', decidedAt: null } });
    expect(Object.keys(res.body)).toEqual(['status', 'request']);
    expect((await bobSocket.waitForEvent('friend.requested')).data).toEqual(res.body.request);
    expect((await requestsOf(server(), bob)).outgoing).toEqual([res.body.request]);
    expect(await requestsOf(server(), alice)).toEqual({ incoming: [], outgoing: [], pendingCount: 0 });
    expectError(await ask(server(), bob, alice), 409, 'already_requested');
    const accept = await api(server(), 'POST', `/friend-requests/${res.body.request.id}/accept`, {
      token: alice.token,
    });
    expectError(accept, 404, 'not_found');
    // Bob may withdraw it like any request; alice still hears nothing.
    const cancel = await api(server(), 'DELETE', `/friend-requests/${res.body.request.id}`, {
      token: bob.token,
    });
    expect(cancel.status).toBe(204);
    await settle(server(), alice, aliceSocket);
    expect(aliceSocket.events('friend.requested')).toEqual([]);
    expect(aliceSocket.events('friend.cancelled')).toEqual([]);
    await closeAll(aliceSocket, bobSocket);
  });

  it("blocking sets bob's waiting request aside without bob noticing", async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const { request } = (await ask(server(), bob, alice)).body;
    const bobSocket = await openSocket(server(), bob.token);
    await block(server(), alice, bob);
    expect(await requestsOf(server(), alice)).toEqual({ incoming: [], outgoing: [], pendingCount: 0 });
    expect((await requestsOf(server(), bob)).outgoing).toEqual([request]);
    const accept = await api(server(), 'POST', `/friend-requests/${request.id}/accept`, {
      token: alice.token,
    });
    expectError(accept, 404, 'not_found');
    await settle(server(), bob, bobSocket);
    expect(bobSocket.frames.filter((f) => f.event?.startsWith('friend.'))).toEqual([]);
    await bobSocket.close();
  });

  it("blocking withdraws alice's own request to bob, and bob hears it withdrawn", async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const { request } = (await ask(server(), alice, bob)).body;
    const bobSocket = await openSocket(server(), bob.token);
    await block(server(), alice, bob);
    expect((await bobSocket.waitForEvent('friend.cancelled')).data).toEqual({ requestId: request.id });
    expect(await requestsOf(server(), bob)).toEqual({ incoming: [], outgoing: [], pendingCount: 0 });
    expect((await requestsOf(server(), alice)).outgoing).toEqual([]);
    await bobSocket.close();
  });

  it('alice cannot ask someone she has blocked until she unblocks them', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    await block(server(), alice, bob);
    expectError(await ask(server(), alice, bob), 403, 'forbidden');
    await unblock(server(), alice, bob);
    expect((await ask(server(), alice, bob)).status).toBe(201);
  });

  it('a friendship survives a block, but presence is hidden both ways', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const asked = (await ask(server(), alice, bob)).body.request;
    await api(server(), 'POST', `/friend-requests/${asked.id}/accept`, { token: bob.token });
    const [aliceSocket, bobSocket] = await openSockets(server(), alice, bob);
    await block(server(), alice, bob);
    for (const [person, other] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      const { friends } = (await api(server(), 'GET', '/friends', { token: person.token })).body;
      expect(friends).toMatchObject([{ user: { id: other.user.id }, online: false, lastSeenAt: null }]);
    }
    await unblock(server(), alice, bob);
    const { friends } = (await api(server(), 'GET', '/friends', { token: bob.token })).body;
    expect(friends).toMatchObject([{ user: { id: alice.user.id }, online: true }]);
    await closeAll(aliceSocket, bobSocket);
  });

  it("unblocking tells alice's devices once, and bob nothing", async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    await block(server(), alice, bob);
    const [aliceSocket, bobSocket] = await openSockets(server(), alice, bob);
    expect((await unblock(server(), alice, bob)).status).toBe(204);
    expect((await aliceSocket.waitForEvent('user.unblocked')).data).toEqual({ userId: bob.user.id });
    expect((await unblock(server(), alice, bob)).status).toBe(204);
    expect((await api(server(), 'GET', '/blocks', { token: alice.token })).body).toEqual({ blocks: [] });
    await settle(server(), alice, aliceSocket);
    expect(aliceSocket.events('user.unblocked')).toHaveLength(1);
    await settle(server(), bob, bobSocket);
    expect(bobSocket.events('user.unblocked')).toEqual([]);
    await closeAll(aliceSocket, bobSocket);
  });

  it('after unblocking, alice asking bob accepts the request he sent while blocked', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    await block(server(), alice, bob);
    const theirs = (await ask(server(), bob, alice)).body.request;
    await unblock(server(), alice, bob);
    expect((await requestsOf(server(), alice)).incoming).toEqual([]);
    const bobSocket = await openSocket(server(), bob.token);
    const res = await ask(server(), alice, bob);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'accepted', request: { id: theirs.id } });
    expect((await bobSocket.waitForEvent('friend.accepted')).data.requestId).toBe(theirs.id);
    await bobSocket.close();
  });
});
