import { closeCodes, limits } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { befriend, register } from '../support/factories.ts';
import { api } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { TestSocket, closeAll, openSocket } from '../support/socket.ts';

describe.each(dialects)('the WebSocket gateway on %s', (dialect) => {
  // No lobby: its members see each other online (presence-lobby.test.ts), and these tests
  // count who is online.
  const server = useServer(dialect, { lobby: false });

  describe('hello', () => {
    it('answers a hello with a valid token with the user, the session and who is online', async () => {
      const alice = await register(server(), 'alice');
      const socket = await TestSocket.connect(server());
      const reply = await socket.request('hello', { token: alice.token });
      expect(reply.error).toBeUndefined();
      expect(reply.ok.user).toMatchObject({ id: alice.user.id, username: alice.username });
      expect(reply.ok.sessionId).toBe(alice.session.id);
      expect(reply.ok.online).toEqual([]);
      expect(reply.ok.heartbeatMs).toBeGreaterThan(0);
      expect(Date.parse(reply.ok.serverTime)).not.toBeNaN();
      await socket.close();
    });

    it('lists online friends in the hello answer, and not online strangers', async () => {
      const alice = await register(server(), 'alice');
      const bob = await register(server(), 'bob');
      const carol = await register(server(), 'carol');
      await befriend(server(), alice, bob);
      const bobSocket = await openSocket(server(), bob.token);
      const carolSocket = await openSocket(server(), carol.token);
      const aliceSocket = await openSocket(server(), alice.token);
      expect(aliceSocket.hello.online).toEqual([bob.user.id]);
      await closeAll(aliceSocket, bobSocket, carolSocket);
    });

    it('answers a hello with a bad token with an error, then closes with 4002', async () => {
      const socket = await TestSocket.connect(server());
      const reply = await socket.request('hello', { token: 'not-a-real-token' });
      expect(reply.error?.code).toBe('unauthenticated');
      const closed = await socket.waitForClose();
      expect(closed.code).toBe(closeCodes.authFailed);
      expect(closed.code).toBe(4002);
    });

    it('answers a hello with the token of a logged-out session with an error, then closes with 4002', async () => {
      const alice = await register(server(), 'alice');
      await api(server(), 'POST', '/auth/logout', { token: alice.token });
      const socket = await TestSocket.connect(server());
      const reply = await socket.request('hello', { token: alice.token });
      expect(reply.error?.code).toBe('unauthenticated');
      expect((await socket.waitForClose()).code).toBe(4002);
    });

    it('refuses a second hello on the same socket and keeps it open', async () => {
      const alice = await register(server(), 'alice');
      const socket = await openSocket(server(), alice.token);
      const again = await socket.request('hello', { token: alice.token });
      expect(again.error?.code).toBe('invalid_request');
      expect((await socket.request('ping')).ok).toBeDefined();
      await socket.close();
    });

    it('answers a request sent before hello with unauthenticated', async () => {
      const socket = await TestSocket.connect(server());
      const reply = await socket.request('ping');
      expect(reply.error?.code).toBe('unauthenticated');
      await socket.close();
    });

    it('answers a request sent right after hello, without waiting for its reply, as signed in', async () => {
      const alice = await register(server(), 'alice');
      const socket = await TestSocket.connect(server());
      socket.send({ id: 'hello-1', type: 'hello', token: alice.token });
      socket.send({ id: 'ping-1', type: 'ping' });
      const hello = await socket.waitFor((f) => f.re === 'hello-1');
      const ping = await socket.waitFor((f) => f.re === 'ping-1');
      expect(hello.ok).toBeDefined();
      expect(ping.error).toBeUndefined();
      expect(ping.ok.serverTime).toBeDefined();
      // Replies come in the order the requests were sent.
      const replies = socket.frames.filter((f) => f.re !== undefined).map((f) => f.re);
      expect(replies).toEqual(['hello-1', 'ping-1']);
      await socket.close();
    });
  });

  describe('frames', () => {
    it('answers ping with the server time', async () => {
      const alice = await register(server(), 'alice');
      const socket = await openSocket(server(), alice.token);
      const before = Date.now();
      const reply = await socket.request('ping');
      expect(reply.error).toBeUndefined();
      expect(Object.keys(reply.ok)).toEqual(['serverTime']);
      expect(reply.ok.serverTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(Math.abs(Date.parse(reply.ok.serverTime) - before)).toBeLessThan(5000);
      await socket.close();
    });

    it('answers a frame that is not JSON with {re: null, error: malformed_json} and stays open', async () => {
      const alice = await register(server(), 'alice');
      const socket = await openSocket(server(), alice.token);
      socket.send('{"id": "x", "type": ');
      const reply = await socket.waitFor((f) => f.error?.code === 'malformed_json');
      expect(reply.re).toBeNull();
      expect(typeof reply.error?.message).toBe('string');
      expect(socket.isOpen).toBe(true);
      expect((await socket.request('ping')).ok).toBeDefined();
      await socket.close();
    });

    it('answers an unknown frame type with invalid_request, echoing the request id', async () => {
      const alice = await register(server(), 'alice');
      const socket = await openSocket(server(), alice.token);
      socket.send({ id: 'q-unknown', type: 'teleport' });
      const reply = await socket.waitFor((f) => f.re === 'q-unknown');
      expect(reply.error?.code).toBe('invalid_request');
      expect(reply.error?.field).toBe('type');
      await socket.close();
    });

    it('answers a frame with an unknown field with invalid_request naming it, echoing the request id', async () => {
      const alice = await register(server(), 'alice');
      const socket = await openSocket(server(), alice.token);
      socket.send({ id: 'q-extra', type: 'ping', urgent: true });
      const reply = await socket.waitFor((f) => f.re === 'q-extra');
      expect(reply.error?.code).toBe('invalid_request');
      expect(reply.error?.field).toBe('urgent');
      expect(reply.error?.message).toContain('urgent');
      await socket.close();
    });

    it('answers a frame that is not an object, or has no usable id, with invalid_request and re null', async () => {
      const alice = await register(server(), 'alice');
      const socket = await openSocket(server(), alice.token);
      for (const frame of ['[1, 2]', '42', 'null', JSON.stringify({ type: 'ping' })]) {
        const before = socket.frames.length;
        socket.send(frame);
        const reply = await socket.waitFor((f) => socket.frames.indexOf(f) >= before && f.re === null);
        expect(reply.error?.code).toBe('invalid_request');
      }
      const longId = 'i'.repeat(limits.frameIdMax + 1);
      socket.send({ id: longId, type: 'ping' });
      const reply = await socket.waitFor((f) => f.error?.field === 'id');
      expect(reply.re).toBeNull();
      expect(reply.error?.code).toBe('invalid_request');
      await socket.close();
    });

    it('closes the socket with 4000 on a binary frame', async () => {
      const alice = await register(server(), 'alice');
      const socket = await openSocket(server(), alice.token);
      socket.ws.send(Buffer.from(JSON.stringify({ id: 'b', type: 'ping' })), { binary: true });
      expect((await socket.waitForClose()).code).toBe(closeCodes.protocolError);
    });

    it(`closes the socket with 4000 after ${limits.wsMaxBadFrames} malformed frames, answering each one first`, async () => {
      const alice = await register(server(), 'alice');
      const socket = await openSocket(server(), alice.token);
      for (let i = 0; i < limits.wsMaxBadFrames; i++) socket.send('{not json');
      expect((await socket.waitForClose()).code).toBe(closeCodes.protocolError);
      expect(socket.frames.filter((f) => f.error?.code === 'malformed_json')).toHaveLength(
        limits.wsMaxBadFrames,
      );
    });

    it('keeps a socket that sends a few malformed frames among good ones', async () => {
      const alice = await register(server(), 'alice');
      const socket = await openSocket(server(), alice.token);
      for (let i = 0; i < limits.wsMaxBadFrames - 1; i++) socket.send('{not json');
      const reply = await socket.request('ping');
      expect(reply.ok.serverTime).toBeTypeOf('string');
      expect(socket.closeInfo).toBeNull();
      await socket.close();
    });

    it(`closes the socket with 1009 on a frame over ${limits.wsFrameMaxBytes} bytes`, async () => {
      const alice = await register(server(), 'alice');
      const socket = await openSocket(server(), alice.token);
      socket.send({ id: 'big', type: 'ping', padding: 'x'.repeat(limits.wsFrameMaxBytes) });
      expect((await socket.waitForClose()).code).toBe(1009);
    });

    it('accepts a frame just under the size limit and answers it', async () => {
      const alice = await register(server(), 'alice');
      const socket = await openSocket(server(), alice.token);
      const frame = JSON.stringify({ id: 'near', type: 'ping', padding: '' });
      socket.send(
        frame.replace('"padding":""', `"padding":"${'x'.repeat(limits.wsFrameMaxBytes - frame.length)}"`),
      );
      const reply = await socket.waitFor((f) => f.re === 'near');
      expect(reply.error?.code).toBe('invalid_request');
      expect(socket.isOpen).toBe(true);
      await socket.close();
    });
  });
});
