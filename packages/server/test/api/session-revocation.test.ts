import { closeCodes } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { logIn, register } from '../support/factories.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { type TestSocket, closeAll, openSocket } from '../support/socket.ts';

/** The revoked socket hears why, then is closed with 4003. */
async function expectRevoked(socket: TestSocket, sessionId: string, reason: string): Promise<void> {
  const event = await socket.waitForEvent('session.revoked');
  expect(event.data).toEqual({ sessionId, reason });
  const closed = await socket.waitForClose();
  expect(closed.code).toBe(closeCodes.sessionRevoked);
  expect(closed.code).toBe(4003);
  // Nothing after the revocation notice.
  expect(socket.frames.at(-1)).toBe(event);
}

/** A socket that is still live answers a ping. */
async function expectStillOpen(socket: TestSocket): Promise<void> {
  const reply = await socket.request('ping');
  expect(reply.ok).toBeDefined();
  expect(socket.isOpen).toBe(true);
  expect(socket.events('session.revoked')).toEqual([]);
}

describe.each(dialects)('session revocation on %s', (dialect) => {
  const server = useServer(dialect);

  it('closes the sockets of a session that logs out with session.revoked logged_out and 4003', async () => {
    const alice = await register(server(), 'alice');
    const phone = await logIn(server(), alice, 'Phone');
    const laptopA = await openSocket(server(), alice.token);
    const laptopB = await openSocket(server(), alice.token);
    const phoneSocket = await openSocket(server(), phone.token);
    expect((await api(server(), 'POST', '/auth/logout', { token: alice.token })).status).toBe(204);
    await expectRevoked(laptopA, alice.session.id, 'logged_out');
    await expectRevoked(laptopB, alice.session.id, 'logged_out');
    await expectStillOpen(phoneSocket);
    await phoneSocket.close();
  });

  it('closes the sockets of a revoked session with session.revoked revoked and 4003', async () => {
    const alice = await register(server(), 'alice');
    const phone = await logIn(server(), alice, 'Phone');
    const laptopSocket = await openSocket(server(), alice.token);
    const phoneSocket = await openSocket(server(), phone.token);
    const res = await api(server(), 'DELETE', `/me/sessions/${phone.session.id}`, { token: alice.token });
    expect(res.status).toBe(204);
    await expectRevoked(phoneSocket, phone.session.id, 'revoked');
    await expectStillOpen(laptopSocket);
    await laptopSocket.close();
  });

  it('treats revoking the current session as logging out', async () => {
    const alice = await register(server(), 'alice');
    const socket = await openSocket(server(), alice.token);
    const res = await api(server(), 'DELETE', `/me/sessions/${alice.session.id}`, { token: alice.token });
    expect(res.status).toBe(204);
    await expectRevoked(socket, alice.session.id, 'logged_out');
  });

  it('closes the other sessions’ sockets on a password change with password_changed, keeping this one', async () => {
    const alice = await register(server(), 'alice');
    const phone = await logIn(server(), alice, 'Phone');
    const tablet = await logIn(server(), alice, 'Tablet');
    const laptopSocket = await openSocket(server(), alice.token);
    const phoneSocket = await openSocket(server(), phone.token);
    const tabletSocket = await openSocket(server(), tablet.token);
    const res = await api(server(), 'POST', '/me/password', {
      token: alice.token,
      json: { currentPassword: alice.password, newPassword: 'a brand new password' },
    });
    expect(res.status).toBe(204);
    await expectRevoked(phoneSocket, phone.session.id, 'password_changed');
    await expectRevoked(tabletSocket, tablet.session.id, 'password_changed');
    await expectStillOpen(laptopSocket);
    await laptopSocket.close();
  });

  it("leaves other users' sockets alone", async () => {
    const alice = await register(server(), 'alice');
    const bob = await register(server(), 'bob');
    const aliceSocket = await openSocket(server(), alice.token);
    const bobSocket = await openSocket(server(), bob.token);
    await api(server(), 'POST', '/auth/logout', { token: alice.token });
    await expectRevoked(aliceSocket, alice.session.id, 'logged_out');
    await expectStillOpen(bobSocket);
    await bobSocket.close();
  });
});

describe.each(dialects)('single-session mode on %s', (dialect) => {
  const server = useServer(dialect, { singleSession: true });

  it('says so in GET /server', async () => {
    expect((await api(server(), 'GET', '/server')).body.singleSession).toBe(true);
  });

  it('revokes the older session on a new login: logged_in_elsewhere, 4003, and its token stops working', async () => {
    const alice = await register(server(), 'alice', { deviceName: 'Laptop' });
    const laptopSocket = await openSocket(server(), alice.token);
    const phone = await logIn(server(), alice, 'Phone');
    await expectRevoked(laptopSocket, alice.session.id, 'logged_in_elsewhere');
    expectError(await api(server(), 'GET', '/me', { token: alice.token }), 401, 'unauthenticated');
    const sessions = await api(server(), 'GET', '/me/sessions', { token: phone.token });
    expect(sessions.body.sessions.map((s: { id: string }) => s.id)).toEqual([phone.session.id]);
    const phoneSocket = await openSocket(server(), phone.token);
    await expectStillOpen(phoneSocket);
    await closeAll(phoneSocket);
  });

  it("does not touch another user's session", async () => {
    const alice = await register(server(), 'alice');
    const bob = await register(server(), 'bob');
    const bobSocket = await openSocket(server(), bob.token);
    await logIn(server(), alice, 'Phone');
    await expectStillOpen(bobSocket);
    expect((await api(server(), 'GET', '/me', { token: bob.token })).status).toBe(200);
    await bobSocket.close();
  });
});
