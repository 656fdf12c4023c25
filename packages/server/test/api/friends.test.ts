import { limits } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { type Person, befriend, people, register } from '../support/factories.ts';
import { api, expectError } from '../support/http.ts';
import { settle } from '../support/markers.ts';
import { dialects, useServer } from '../support/server.ts';
import { type Frame, closeAll, openSocket, openSockets } from '../support/socket.ts';

async function friendsOf(server: TestServer, person: Person): Promise<Frame['data'][]> {
  const res = await api(server, 'GET', '/friends', { token: person.token });
  expect(res.status).toBe(200);
  return res.body.friends;
}

function setRemark(server: TestServer, person: Person, friend: Person, remark: unknown) {
  return api(server, 'PATCH', `/friends/${friend.user.id}`, { token: person.token, json: { remark } });
}

describe.each(dialects)('friends on %s', (dialect) => {
  const server = useServer(dialect);

  it('lists friends by the name I see: my remark, or their display name', async () => {
    const alice = await register(server(), 'alice');
    const bob = await register(server(), 'bob', { displayName: 'bob' });
    const carol = await register(server(), 'carol', { displayName: 'Carol' });
    const dave = await register(server(), 'dave', { displayName: 'Dave' });
    for (const friend of [dave, bob, carol]) await befriend(server(), friend, alice);
    expect((await friendsOf(server(), alice)).map((f) => f.user.id)).toEqual([
      bob.user.id,
      carol.user.id,
      dave.user.id,
    ]);
    await setRemark(server(), alice, dave, 'Aardvark');
    expect((await friendsOf(server(), alice)).map((f) => f.user.id)).toEqual([
      dave.user.id,
      bob.user.id,
      carol.user.id,
    ]);
  });

  it('shows whether a friend is online and when they were last seen', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    await befriend(server(), alice, bob);
    const bobSocket = await openSocket(server(), bob.token);
    expect(await friendsOf(server(), alice)).toMatchObject([{ user: { id: bob.user.id }, online: true }]);
    const aliceSocket = await openSocket(server(), alice.token);
    await bobSocket.close();
    await aliceSocket.waitForEvent('presence.changed', (d) => d.userId === bob.user.id && !d.online);
    const [friend] = await friendsOf(server(), alice);
    expect(friend).toMatchObject({ online: false, lastSeenAt: expect.any(String) });
    await aliceSocket.close();
  });

  it("a remark is private to its owner and reaches only the owner's devices", async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    await befriend(server(), alice, bob);
    const [laptop, phone, bobSocket] = await openSockets(server(), alice, alice, bob);
    const res = await setRemark(server(), alice, bob, '  Bobby from class 3 ');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { id: bob.user.id }, remark: 'Bobby from class 3' });
    for (const socket of [laptop, phone]) {
      expect((await socket.waitForEvent('friend.updated')).data).toEqual(res.body);
    }
    expect((await friendsOf(server(), alice))[0].remark).toBe('Bobby from class 3');
    expect((await friendsOf(server(), bob))[0].remark).toBeNull();
    await settle(server(), bob, bobSocket);
    expect(bobSocket.events('friend.updated')).toEqual([]);
    await closeAll(laptop, phone, bobSocket);
  });

  it('clears a remark with null or blank text', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    await befriend(server(), alice, bob);
    await setRemark(server(), alice, bob, 'Bobby');
    expect((await setRemark(server(), alice, bob, null)).body.remark).toBeNull();
    await setRemark(server(), alice, bob, 'Bobby');
    expect((await setRemark(server(), alice, bob, '   ')).body.remark).toBeNull();
  });

  it('refuses remarks for non-friends, and remarks too long or with control characters', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    await befriend(server(), alice, bob);
    expectError(await setRemark(server(), alice, carol, 'Carol'), 404, 'not_found');
    expectError(
      await setRemark(server(), alice, bob, 'x'.repeat(limits.remarkMax + 1)),
      400,
      'invalid_request',
      'remark',
    );
    expectError(await setRemark(server(), alice, bob, 'Bob\nby'), 400, 'invalid_request', 'remark');
    expectError(await setRemark(server(), alice, bob, 42), 400, 'invalid_request', 'remark');
    const empty = await api(server(), 'PATCH', `/friends/${bob.user.id}`, { token: alice.token, json: {} });
    expectError(empty, 400, 'invalid_request', 'remark');
    expect((await setRemark(server(), alice, bob, 'x'.repeat(limits.remarkMax))).status).toBe(200);
  });

  it('removing a friend tells both, not carol, and keeps the conversation', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [{ conversationId }] = await befriend(server(), alice, bob);
    const [aliceSocket, bobSocket, carolSocket] = await openSockets(server(), alice, bob, carol);
    const res = await api(server(), 'DELETE', `/friends/${bob.user.id}`, { token: alice.token });
    expect(res.status).toBe(204);
    expect((await aliceSocket.waitForEvent('friend.removed')).data).toEqual({ userId: bob.user.id });
    expect((await bobSocket.waitForEvent('friend.removed')).data).toEqual({ userId: alice.user.id });
    expect(await friendsOf(server(), alice)).toEqual([]);
    expect(await friendsOf(server(), bob)).toEqual([]);
    const page = await api(server(), 'GET', `/conversations/${conversationId}/messages`, {
      token: bob.token,
    });
    expect(page.status).toBe(200);
    expect(page.body.messages).toHaveLength(1);
    await settle(server(), carol, carolSocket);
    expect(carolSocket.events('friend.removed')).toEqual([]);
    const again = await api(server(), 'DELETE', `/friends/${bob.user.id}`, { token: alice.token });
    expectError(again, 404, 'not_found');
    await closeAll(aliceSocket, bobSocket, carolSocket);
  });

  it('friends who meet again find their old conversation', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const [first] = await befriend(server(), alice, bob);
    await api(server(), 'DELETE', `/friends/${alice.user.id}`, { token: bob.token });
    const [second] = await befriend(server(), bob, alice);
    expect(second.conversationId).toBe(first.conversationId);
    const page = await api(server(), 'GET', `/conversations/${first.conversationId}/messages`, {
      token: alice.token,
    });
    expect(page.body.messages.map((m: Frame['data']) => m.notice.type)).toEqual([
      'friends.connected',
      'friends.connected',
    ]);
  });

  it('refuses removing someone who is not a friend, or a malformed id', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    expectError(
      await api(server(), 'DELETE', `/friends/${bob.user.id}`, { token: alice.token }),
      404,
      'not_found',
    );
    expectError(
      await api(server(), 'DELETE', '/friends/not%20an%20id', { token: alice.token }),
      400,
      'invalid_request',
    );
    expectError(await api(server(), 'GET', '/friends'), 401, 'unauthenticated');
  });
});
