import { randomUUID } from 'node:crypto';
import { closeCodes } from '@parley/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { type Person, befriend, logIn, people, register } from '../support/factories.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { TestSocket, closeAll, openSocket } from '../support/socket.ts';
import { uploadReady } from '../support/uploads.ts';

const logInAs = (server: TestServer, username: string, password: string) =>
  api(server, 'POST', '/auth/login', { json: { username, password } });

const adminUser = (server: TestServer, admin: Person, userId: string) =>
  api(server, 'GET', `/admin/users/${userId}`, { token: admin.token });

const act = (
  server: TestServer,
  admin: Person,
  userId: string,
  what: 'disable' | 'enable' | 'reset-password',
) => api(server, 'POST', `/admin/users/${userId}/${what}`, { token: admin.token });

const setRole = (server: TestServer, admin: Person, userId: string, role: string) =>
  api(server, 'PUT', `/admin/users/${userId}/role`, { token: admin.token, json: { role } });

/** The audit lines about one user, oldest first, as the console's log will read them. */
async function auditOf(server: TestServer, userId: string) {
  const rows = await server.parley.services.store.db
    .selectFrom('audit_log')
    .selectAll()
    .where('target_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    actorId: r.actor_id,
    action: r.action,
    targetType: r.target_type,
    targetLabel: r.target_label,
    detail: JSON.parse(r.detail),
  }));
}

/** A word no other test's names contain, to search for exactly this test's people. */
const uniqueTag = () => `zq${randomUUID().slice(0, 6).replace(/-/g, '')}`;

describe.each(dialects)('the admin console’s users on %s', (dialect) => {
  const server = useServer(dialect);
  let admin: Person;

  beforeAll(async () => {
    // The server's first account is its admin.
    admin = await register(server(), 'alice');
    expect(admin.user.role).toBe('admin');
  });

  it('refuses every route to a member (forbidden) and to someone not signed in', async () => {
    const [bob, carol] = await people(server(), 'bob', 'carol');
    const routes: [string, string, unknown?][] = [
      ['GET', '/admin/users'],
      ['GET', `/admin/users/${carol.user.id}`],
      ['POST', `/admin/users/${carol.user.id}/disable`],
      ['POST', `/admin/users/${carol.user.id}/enable`],
      ['POST', `/admin/users/${carol.user.id}/reset-password`],
      ['PUT', `/admin/users/${carol.user.id}/role`, { role: 'admin' }],
    ];
    for (const [method, path, json] of routes) {
      expectError(await api(server(), method, path, { token: bob.token, json }), 403, 'forbidden');
      expectError(await api(server(), method, path, { json }), 401, 'unauthenticated');
    }
    // Nothing happened to carol.
    const seen = (await adminUser(server(), admin, carol.user.id)).body;
    expect(seen).toMatchObject({ role: 'member', disabledAt: null, mustChangePassword: false, sessions: 1 });
    expect((await api(server(), 'GET', '/me', { token: carol.token })).status).toBe(200);
    expect(await auditOf(server(), carol.user.id)).toEqual([]);
  });

  it('lists accounts with their last seen, sessions and storage, searches, filters and pages', async () => {
    const tag = uniqueTag();
    // carol and erin match by username, dave by display name; by username, carol comes first.
    const carol = await register(server(), 'carol', { exactUsername: `carol_${tag}` });
    const dave = await register(server(), 'dave', {
      exactUsername: `dave_${randomUUID().slice(0, 8)}`,
      displayName: `Dave ${tag.toUpperCase()}`,
    });
    const erin = await register(server(), 'erin', { exactUsername: `erin_${tag}` });
    // carol: two devices and two files.
    const phone = await logIn(server(), carol, 'Phone');
    const notes = await uploadReady(server(), carol, {
      kind: 'file',
      filename: 'notes.txt',
      bytes: Buffer.from('the minutes of the meeting'),
    });
    const plan = await uploadReady(server(), carol, {
      kind: 'file',
      filename: 'plan.txt',
      bytes: Buffer.alloc(3000, 'p'),
    });
    expect(notes.size + plan.size).toBe(26 + 3000);
    // dave: was online, then signed out everywhere.
    const daveSocket = await openSocket(server(), dave.token);
    await daveSocket.close();
    // The gateway records last seen once the last socket has gone.
    const lastSeenOf = async (userId: string) =>
      (
        await server()
          .parley.services.store.db.selectFrom('users')
          .select('last_seen_at')
          .where('id', '=', userId)
          .executeTakeFirstOrThrow()
      ).last_seen_at;
    await expect.poll(() => lastSeenOf(dave.user.id)).not.toBeNull();
    const daveLastSeen = await lastSeenOf(dave.user.id);
    expect((await api(server(), 'POST', '/auth/logout', { token: dave.token })).status).toBe(204);

    // Matches the username's or the display name's part, in any case; by username.
    const found = await api(server(), 'GET', `/admin/users?q=${tag.toUpperCase()}`, { token: admin.token });
    expect(found.status).toBe(200);
    expect(found.body.nextCursor).toBeNull();
    expect(found.body.users.map((u: { id: string }) => u.id)).toEqual([
      carol.user.id,
      dave.user.id,
      erin.user.id,
    ]);
    const [carolRow, daveRow, erinRow] = found.body.users;
    const carolSessions = (await api(server(), 'GET', '/me/sessions', { token: phone.token })).body.sessions;
    expect(carolSessions).toHaveLength(2);
    const latest = carolSessions
      .map((s: { lastSeenAt: string }) => s.lastSeenAt)
      .sort()
      .at(-1);
    const { updatedAt, ...profile } = carol.user;
    expect(updatedAt).toEqual(expect.any(String));
    expect(carolRow).toEqual({
      ...profile,
      disabledAt: null,
      mustChangePassword: false,
      lastSeenAt: latest,
      sessions: 2,
      storageBytes: 3026,
    });
    expect(daveRow).toMatchObject({ sessions: 0, storageBytes: 0, lastSeenAt: daveLastSeen });
    expect(daveRow.lastSeenAt).not.toBeNull();
    expect(erinRow).toMatchObject({ sessions: 1, storageBytes: 0, role: 'member' });
    // One account, the same as in the list.
    expect((await adminUser(server(), admin, carol.user.id)).body).toEqual(carolRow);

    // A page at a time.
    const first = await api(server(), 'GET', `/admin/users?q=${tag}&limit=2`, { token: admin.token });
    expect(first.body.users.map((u: { id: string }) => u.id)).toEqual([carol.user.id, dave.user.id]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api(
      server(),
      'GET',
      `/admin/users?q=${tag}&limit=2&cursor=${first.body.nextCursor}`,
      {
        token: admin.token,
      },
    );
    expect(second.body).toEqual({ users: [erinRow], nextCursor: null });
    expectError(
      await api(server(), 'GET', `/admin/users?cursor=${encodeURIComponent('not a cursor!')}`, {
        token: admin.token,
      }),
      400,
      'invalid_request',
      'cursor',
    );
    expectError(
      await api(server(), 'GET', '/admin/users?filter=everyone', { token: admin.token }),
      400,
      'invalid_request',
    );

    // Filters: admins, disabled.
    const admins = await api(server(), 'GET', '/admin/users?filter=admins&limit=50', { token: admin.token });
    expect(admins.body.users.map((u: { id: string }) => u.id)).toContain(admin.user.id);
    expect(admins.body.users.every((u: { role: string }) => u.role === 'admin')).toBe(true);
    expect((await act(server(), admin, erin.user.id, 'disable')).status).toBe(200);
    const disabled = await api(server(), 'GET', `/admin/users?filter=disabled&q=${tag}`, {
      token: admin.token,
    });
    expect(disabled.body.users.map((u: { id: string }) => u.id)).toEqual([erin.user.id]);
    expect(disabled.body.users[0].disabledAt).toEqual(expect.any(String));

    // A deleted account is never listed, nor found.
    const gone = await api(server(), 'POST', '/me/delete', {
      token: phone.token,
      json: { password: carol.password },
    });
    expect(gone.status).toBe(204);
    const after = await api(server(), 'GET', `/admin/users?q=${tag}`, { token: admin.token });
    expect(after.body.users.map((u: { id: string }) => u.id)).toEqual([dave.user.id, erin.user.id]);
    expectError(await adminUser(server(), admin, carol.user.id), 404, 'not_found');
    expectError(await act(server(), admin, carol.user.id, 'disable'), 404, 'not_found');
    expectError(await adminUser(server(), admin, randomUUID()), 404, 'not_found');
  });

  it('disabling ends every session at once, refuses sign-in and keeps the messages; enabling lets them back', async () => {
    const [bob, carol] = await people(server(), 'bob', 'carol');
    const [{ conversationId }] = await befriend(server(), bob, carol);
    const said = await api(server(), 'POST', `/conversations/${conversationId}/messages`, {
      token: bob.token,
      json: { clientMsgId: randomUUID(), text: 'see you at the match' },
    });
    expect(said.status).toBe(201);
    const phone = await logIn(server(), bob, 'Phone');
    const [laptopSocket, phoneSocket] = [
      await openSocket(server(), bob.token),
      await openSocket(server(), phone.token),
    ];

    const disabled = await act(server(), admin, bob.user.id, 'disable');
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id: bob.user.id, disabledAt: expect.any(String), sessions: 0 });
    for (const [socket, sessionId] of [
      [laptopSocket, bob.session.id],
      [phoneSocket, phone.session.id],
    ] as const) {
      const revoked = await socket.waitForEvent('session.revoked');
      expect(revoked.data).toEqual({ sessionId, reason: 'account_disabled' });
      expect((await socket.waitForClose()).code).toBe(closeCodes.sessionRevoked);
    }
    expectError(await api(server(), 'GET', '/me', { token: bob.token }), 401, 'unauthenticated');
    expectError(await api(server(), 'GET', '/me', { token: phone.token }), 401, 'unauthenticated');
    // The right password hears why; a wrong one learns nothing.
    expectError(await logInAs(server(), bob.username, bob.password), 403, 'account_disabled');
    expectError(await logInAs(server(), bob.username, 'not his password'), 401, 'invalid_credentials');
    // The messages stay in carol's history.
    const history = await api(server(), 'GET', `/conversations/${conversationId}/messages`, {
      token: carol.token,
    });
    expect(history.body.messages.filter((m: { senderId: string }) => m.senderId === bob.user.id)).toEqual([
      expect.objectContaining({ text: 'see you at the match', recalledAt: null }),
    ]);

    // Again: the same account back, nothing logged twice.
    const again = await act(server(), admin, bob.user.id, 'disable');
    expect(again.status).toBe(200);
    expect(again.body.disabledAt).toBe(disabled.body.disabledAt);
    expect(await auditOf(server(), bob.user.id)).toEqual([
      {
        actorId: admin.user.id,
        action: 'user.disable',
        targetType: 'user',
        targetLabel: bob.username,
        detail: {},
      },
    ]);

    const enabled = await act(server(), admin, bob.user.id, 'enable');
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({ id: bob.user.id, disabledAt: null });
    expect((await act(server(), admin, bob.user.id, 'enable')).body.disabledAt).toBeNull();
    const back = await logInAs(server(), bob.username, bob.password);
    expect(back.status).toBe(200);
    const socket = await openSocket(server(), back.body.token);
    expect(
      (await api(server(), 'GET', `/conversations/${conversationId}/messages`, { token: back.body.token }))
        .status,
    ).toBe(200);
    expect((await auditOf(server(), bob.user.id)).map((a) => a.action)).toEqual([
      'user.disable',
      'user.enable',
    ]);
    await closeAll(socket);
  });

  it('refuses a session of a disabled account even if one slipped past the disabling', async () => {
    // A sign-in that checked the password just before the account was disabled opens its
    // session just after: the row is there, but the account is disabled.
    const bob = await register(server(), 'bob');
    await server()
      .parley.services.store.db.updateTable('users')
      .set({ disabled_at: new Date().toISOString() })
      .where('id', '=', bob.user.id)
      .execute();
    expectError(await api(server(), 'GET', '/me', { token: bob.token }), 401, 'unauthenticated');
    const socket = await TestSocket.connect(server());
    expect((await socket.request('hello', { token: bob.token })).error?.code).toBe('unauthenticated');
    expect((await socket.waitForClose()).code).toBe(closeCodes.authFailed);
    expect((await adminUser(server(), admin, bob.user.id)).body.sessions).toBe(0);
  });

  it('does not let an admin disable themselves', async () => {
    expectError(await act(server(), admin, admin.user.id, 'disable'), 403, 'forbidden');
    expect((await api(server(), 'GET', '/me', { token: admin.token })).status).toBe(200);
    expect((await adminUser(server(), admin, admin.user.id)).body.disabledAt).toBeNull();
  });

  it('a reset password signs the user out; the temporary one lets them in only to choose a new one', async () => {
    const bob = await register(server(), 'bob');
    const bobSocket = await openSocket(server(), bob.token);

    const reset = await act(server(), admin, bob.user.id, 'reset-password');
    expect(reset.status).toBe(200);
    const temporary: string = reset.body.temporaryPassword;
    expect(temporary).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect((await act(server(), admin, randomUUID(), 'reset-password')).status).toBe(404);
    const revoked = await bobSocket.waitForEvent('session.revoked');
    expect(revoked.data).toEqual({ sessionId: bob.session.id, reason: 'password_reset' });
    expect((await bobSocket.waitForClose()).code).toBe(closeCodes.sessionRevoked);
    expectError(await api(server(), 'GET', '/me', { token: bob.token }), 401, 'unauthenticated');
    expectError(await logInAs(server(), bob.username, bob.password), 401, 'invalid_credentials');
    expect((await adminUser(server(), admin, bob.user.id)).body).toMatchObject({
      mustChangePassword: true,
      sessions: 0,
    });

    const signedIn = await logInAs(server(), bob.username, temporary);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.mustChangePassword).toBe(true);
    const token: string = signedIn.body.token;
    const me = await api(server(), 'GET', '/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.mustChangePassword).toBe(true);
    expectError(await api(server(), 'GET', '/conversations', { token }), 403, 'password_change_required');
    expectError(
      await api(server(), 'PATCH', '/me', { token, json: { bio: 'hi' } }),
      403,
      'password_change_required',
    );
    // Signing out is allowed.
    const other = await logInAs(server(), bob.username, temporary);
    expect((await api(server(), 'POST', '/auth/logout', { token: other.body.token })).status).toBe(204);
    // The socket is refused too, without telling the client to forget its token (not 4002).
    const socket = await TestSocket.connect(server());
    const hello = await socket.request('hello', { token });
    expect(hello.error?.code).toBe('password_change_required');
    expect((await socket.waitForClose()).code).toBe(closeCodes.passwordChangeRequired);

    // Keeping the temporary password would leave it known to the admin.
    expectError(
      await api(server(), 'POST', '/me/password', {
        token,
        json: { currentPassword: temporary, newPassword: temporary },
      }),
      400,
      'invalid_request',
      'newPassword',
    );
    const changed = await api(server(), 'POST', '/me/password', {
      token,
      json: { currentPassword: temporary, newPassword: 'a password of my own' },
    });
    expect(changed.status).toBe(204);
    const after = await api(server(), 'GET', '/me', { token });
    expect(after.body.mustChangePassword).toBeUndefined();
    expect((await api(server(), 'GET', '/conversations', { token })).status).toBe(200);
    const live = await openSocket(server(), token);
    expect(live.hello.user.mustChangePassword).toBeUndefined();
    expect((await adminUser(server(), admin, bob.user.id)).body.mustChangePassword).toBe(false);
    expectError(await logInAs(server(), bob.username, temporary), 401, 'invalid_credentials');
    expect((await logInAs(server(), bob.username, 'a password of my own')).status).toBe(200);
    expect(await auditOf(server(), bob.user.id)).toEqual([
      {
        actorId: admin.user.id,
        action: 'user.reset_password',
        targetType: 'user',
        targetLabel: bob.username,
        detail: {},
      },
    ]);
    await closeAll(live);
  });

  it('keeps at least one admin, and tells everyone when a role changes', async () => {
    const [bob, carol] = await people(server(), 'bob', 'carol');
    const carolSocket = await openSocket(server(), carol.token);
    const others = (
      await api(server(), 'GET', '/admin/users?filter=admins&limit=50', { token: admin.token })
    ).body.users.filter((u: { id: string }) => u.id !== admin.user.id);
    expect(others).toEqual([]);

    const refused = await setRole(server(), admin, admin.user.id, 'member');
    expectError(refused, 409, 'limit_reached');
    expect((await adminUser(server(), admin, admin.user.id)).body.role).toBe('admin');
    expectError(await setRole(server(), admin, bob.user.id, 'owner'), 400, 'invalid_request');

    const promoted = await setRole(server(), admin, bob.user.id, 'admin');
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ id: bob.user.id, role: 'admin' });
    const heard = await carolSocket.waitForEvent('user.updated', (u) => u.id === bob.user.id);
    expect(heard.data).toMatchObject({ id: bob.user.id, role: 'admin' });
    // Bob can now use the console; setting the same role again changes nothing.
    expect((await api(server(), 'GET', '/admin/users', { token: bob.token })).status).toBe(200);
    expect((await setRole(server(), bob, bob.user.id, 'admin')).status).toBe(200);

    // alice steps down; bob, now the only admin, cannot.
    expect((await setRole(server(), admin, admin.user.id, 'member')).body.role).toBe('member');
    expectError(await api(server(), 'GET', '/admin/users', { token: admin.token }), 403, 'forbidden');
    expectError(await setRole(server(), bob, bob.user.id, 'member'), 409, 'limit_reached');
    expect((await setRole(server(), bob, admin.user.id, 'admin')).body.role).toBe('admin');
    expect((await setRole(server(), admin, bob.user.id, 'member')).body.role).toBe('member');

    expect(await auditOf(server(), bob.user.id)).toEqual([
      {
        actorId: admin.user.id,
        action: 'user.set_role',
        targetType: 'user',
        targetLabel: bob.username,
        detail: { role: 'admin' },
      },
      {
        actorId: admin.user.id,
        action: 'user.set_role',
        targetType: 'user',
        targetLabel: bob.username,
        detail: { role: 'member' },
      },
    ]);
    expect((await auditOf(server(), admin.user.id)).map((a) => [a.actorId, a.detail])).toEqual([
      [admin.user.id, { role: 'member' }],
      [bob.user.id, { role: 'admin' }],
    ]);
    await closeAll(carolSocket);
  });
});
