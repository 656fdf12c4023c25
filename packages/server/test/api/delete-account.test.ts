import { randomUUID } from 'node:crypto';
import { closeCodes } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { type Person, befriend, people, register } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSocket, openSockets } from '../support/socket.ts';
import { download, sendAttachment, uniquePng, uploadReady } from '../support/uploads.ts';

const deleteAccount = (server: TestServer, person: Person, password = person.password) =>
  api(server, 'POST', '/me/delete', { token: person.token, json: { password } });

const say = (server: TestServer, person: Person, conversationId: string, text: string) =>
  api(server, 'POST', `/conversations/${conversationId}/messages`, {
    token: person.token,
    json: { clientMsgId: randomUUID(), text },
  });

const logInAs = (server: TestServer, username: string, password: string) =>
  api(server, 'POST', '/auth/login', { json: { username, password } });

describe.each(dialects)('deleting my account on %s', (dialect) => {
  const server = useServer(dialect);

  it('refuses a wrong password and changes nothing', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    await befriend(server(), alice, bob);
    expectError(await deleteAccount(server(), alice, 'not my password'), 403, 'wrong_password', 'password');
    const me = await api(server(), 'GET', '/me', { token: alice.token });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(alice.username);
    const friends = await api(server(), 'GET', '/friends', { token: bob.token });
    expect(friends.body.friends.map((f: { user: { id: string } }) => f.user.id)).toEqual([alice.user.id]);
    expect((await logInAs(server(), alice.username, alice.password)).status).toBe(200);
  });

  it('ends every session and frees the username; the old password no longer signs in', async () => {
    const alice = await register(server(), 'alice');
    const phone = await logInAs(server(), alice.username, alice.password);
    const [laptop, phoneSocket] = [
      await openSocket(server(), alice.token),
      await openSocket(server(), phone.body.token),
    ];
    expect((await deleteAccount(server(), alice)).status).toBe(204);
    for (const [socket, sessionId] of [
      [laptop, alice.session.id],
      [phoneSocket, phone.body.session.id],
    ] as const) {
      const revoked = await socket.waitForEvent('session.revoked');
      expect(revoked.data).toEqual({ sessionId, reason: 'account_deleted' });
      expect((await socket.waitForClose()).code).toBe(closeCodes.sessionRevoked);
    }
    expectError(await api(server(), 'GET', '/me', { token: alice.token }), 401, 'unauthenticated');
    expectError(await api(server(), 'GET', '/me', { token: phone.body.token }), 401, 'unauthenticated');
    expectError(await logInAs(server(), alice.username, alice.password), 401, 'invalid_credentials');
    const newcomer = await register(server(), 'someone', { exactUsername: alice.username });
    expect(newcomer.user.id).not.toBe(alice.user.id);
    expect(newcomer.username).toBe(alice.username);
  });

  it('keeps my messages in a friend’s history under a deleted user, and removes my files and the friendship', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const [{ conversationId }] = await befriend(server(), alice, bob);
    expect((await say(server(), alice, conversationId, 'see you on Friday')).status).toBe(201);
    expect((await say(server(), bob, conversationId, 'see you')).status).toBe(201);
    const image = await uploadReady(server(), alice, {
      kind: 'image',
      filename: 'beach.png',
      bytes: await uniquePng(),
    });
    expect((await sendAttachment(server(), alice, conversationId, image.id, 'the beach')).status).toBe(201);
    const photo = await uploadReady(server(), alice, {
      kind: 'image',
      filename: 'sunset.png',
      bytes: await uniquePng(),
    });
    expect((await sendAttachment(server(), alice, conversationId, photo.id)).status).toBe(201);
    expect((await download(server(), bob, image.url)).status).toBe(200);
    const bobSocket = await openSocket(server(), bob.token);

    expect((await deleteAccount(server(), alice)).status).toBe(204);

    const removed = await bobSocket.waitForEvent('friend.removed');
    expect(removed.data).toEqual({ userId: alice.user.id });
    const page = await api(server(), 'GET', `/conversations/${conversationId}/messages`, {
      token: bob.token,
    });
    expect(page.status).toBe(200);
    const texts = page.body.messages
      .filter((m: { kind: string }) => m.kind !== 'system')
      .map((m: { senderId: string; text: string; attachment: unknown; recalledAt: string | null }) => ({
        senderId: m.senderId,
        text: m.text,
        attachment: m.attachment,
        recalled: m.recalledAt !== null,
      }));
    expect(texts).toEqual([
      { senderId: alice.user.id, text: 'see you on Friday', attachment: null, recalled: false },
      { senderId: bob.user.id, text: 'see you', attachment: null, recalled: false },
      // The caption stays without its picture; a picture alone leaves a tombstone.
      { senderId: alice.user.id, text: 'the beach', attachment: null, recalled: false },
      { senderId: alice.user.id, text: '', attachment: null, recalled: true },
    ]);
    const sender = await api(server(), 'GET', `/users/${alice.user.id}`, { token: bob.token });
    expect(sender.body).toMatchObject({
      id: alice.user.id,
      deleted: true,
      displayName: 'Deleted user',
      username: '',
      bio: '',
      avatar: null,
    });
    expectError((await download(server(), bob, image.url)).asApi, 404, 'not_found');
    expectError((await download(server(), bob, photo.url)).asApi, 404, 'not_found');
    const friends = await api(server(), 'GET', '/friends', { token: bob.token });
    expect(friends.body.friends).toEqual([]);
    const askAgain = await api(server(), 'POST', '/friend-requests', {
      token: bob.token,
      json: { userId: alice.user.id },
    });
    expectError(askAgain, 404, 'not_found');
    const found = await api(server(), 'GET', '/users?q=Deleted', {
      token: bob.token,
    });
    expect(found.body.users ?? []).toEqual([]);
    await closeAll(bobSocket);
  });

  it('hands a group I owned to its longest-standing admin and leaves it; a group I was alone in is dissolved', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    await befriend(server(), alice, bob, carol);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id, carol.user.id] });
    const promoted = await api(server(), 'PATCH', `/groups/${group.id}/members/${carol.user.id}`, {
      token: alice.token,
      json: { role: 'admin' },
    });
    expect(promoted.status).toBe(200);
    const solo = await makeGroup(server(), alice, { name: 'Just me' });
    const [bobSocket, carolSocket] = await openSockets(server(), bob, carol);

    expect((await deleteAccount(server(), alice)).status).toBe(204);

    for (const socket of [bobSocket, carolSocket]) {
      const left = await socket.waitForEvent('member.removed');
      expect(left.data).toEqual({ conversationId: group.id, userId: alice.user.id, reason: 'left' });
    }
    const seen = await api(server(), 'GET', `/conversations/${group.id}`, { token: bob.token });
    expect(seen.body.ownerId).toBe(carol.user.id);
    const members = await api(server(), 'GET', `/conversations/${group.id}/members`, { token: bob.token });
    const roles = Object.fromEntries(
      members.body.members.map((m: { user: { id: string }; role: string }) => [m.user.id, m.role]),
    );
    expect(roles).toEqual({ [bob.user.id]: 'member', [carol.user.id]: 'owner' });
    const page = await api(server(), 'GET', `/conversations/${group.id}/messages`, { token: bob.token });
    const notices = page.body.messages.map((m: { notice: { type: string } | null }) => m.notice?.type);
    expect(notices.slice(-2)).toEqual(['owner.changed', 'member.left']);
    // The group alice was alone in is gone (nobody is left to see it; its row says dissolved).
    const soloRow = await server()
      .parley.services.store.db.selectFrom('conversations')
      .select(['dissolved_at', 'member_count'])
      .where('id', '=', solo.id)
      .executeTakeFirstOrThrow();
    expect(soloRow.dissolved_at).not.toBeNull();
    expect(Number(soloRow.member_count)).toBe(0);
    await closeAll(bobSocket, carolSocket);
  });
});

describe.each(dialects)('guessing the password to delete an account on %s', (dialect) => {
  const maxFailures = 3;
  const server = useServer(dialect, { loginMaxFailures: maxFailures });

  it('counts against the same throttle as logging in', async () => {
    const alice = await register(server(), 'alice');
    for (let i = 0; i < maxFailures; i++)
      expectError(await deleteAccount(server(), alice, 'a wrong guess'), 403, 'wrong_password');
    expectError(await deleteAccount(server(), alice), 429, 'rate_limited');
    expect((await api(server(), 'GET', '/me', { token: alice.token })).status).toBe(200);
  });
});

describe.each(dialects)('the last admin deleting their account on %s', (dialect) => {
  const server = useServer(dialect);

  it('is refused until someone else is an admin, so the server is never left without one', async () => {
    // The server's first account is its admin (registered alone, so it is first).
    const alice = await register(server(), 'alice');
    const bob = await register(server(), 'bob');
    expect(alice.user.role).toBe('admin');
    const refused = await deleteAccount(server(), alice);
    expectError(refused, 409, 'limit_reached');
    expect(refused.body.error.message).toContain('only admin');
    expect((await api(server(), 'GET', '/me', { token: alice.token })).status).toBe(200);
    const promoted = await api(server(), 'PUT', `/admin/users/${bob.user.id}/role`, {
      token: alice.token,
      json: { role: 'admin' },
    });
    expect(promoted.status, promoted.text).toBe(200);
    expect((await deleteAccount(server(), alice)).status).toBe(204);
    expectError(await deleteAccount(server(), bob), 409, 'limit_reached');
  });
});
