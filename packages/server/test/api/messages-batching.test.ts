import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Person, befriend, people } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSocket } from '../support/socket.ts';

/**
 * Sends are checked against cached members (access/member-cache.ts) and stored in batches
 * (send-batcher.ts). These tests make the cache warm first, so a change it missed would let a
 * send through; and they send in bursts, so one bad send shares a batch with good ones.
 */
describe.each(dialects)('sending through the member cache and the batcher on %s', (dialect) => {
  const server = useServer(dialect);
  const send = (who: Person, conversation: string, text: string) =>
    api(server(), 'POST', `/conversations/${conversation}/messages`, {
      token: who.token,
      json: { clientMsgId: randomUUID(), text },
    });

  it('sees a kick, a mute and its end at once, even right after sending', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    await befriend(server(), alice, bob);
    await befriend(server(), alice, carol);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id, carol.user.id] });
    expect((await send(bob, group.id, 'warm')).status).toBe(201);
    expect((await send(carol, group.id, 'warm')).status).toBe(201);

    const mute = (mutedUntil: string | null) =>
      api(server(), 'PATCH', `/groups/${group.id}/members/${bob.user.id}`, {
        token: alice.token,
        json: { mutedUntil },
      });
    expect((await mute(new Date(Date.now() + 3_600_000).toISOString())).status).toBe(200);
    expectError(await send(bob, group.id, 'muted?'), 403, 'muted');
    expect((await mute(null)).status).toBe(200);
    expect((await send(bob, group.id, 'free again')).status).toBe(201);

    const kicked = await api(server(), 'DELETE', `/groups/${group.id}/members/${carol.user.id}`, {
      token: alice.token,
    });
    expect(kicked.status).toBe(204);
    expectError(await send(carol, group.id, 'still here?'), 404, 'not_found');
  });

  it('sees a block, an unblock and an unfriending at once in a direct chat', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const [accepted] = await befriend(server(), alice, bob);
    const chat = accepted.conversationId as string;
    expect((await send(alice, chat, 'warm')).status).toBe(201);

    await api(server(), 'PUT', `/blocks/${alice.user.id}`, { token: bob.token });
    expectError(await send(alice, chat, 'blocked?'), 403, 'cannot_message');
    expectError(await send(bob, chat, 'and you?'), 403, 'cannot_message');
    await api(server(), 'DELETE', `/blocks/${alice.user.id}`, { token: bob.token });
    expect((await send(alice, chat, 'unblocked')).status).toBe(201);

    expect((await api(server(), 'DELETE', `/friends/${bob.user.id}`, { token: alice.token })).status).toBe(
      204,
    );
    expectError(await send(bob, chat, 'friends?'), 403, 'cannot_message');
  });

  it('stores a burst from one socket in order, refuses only the bad sends, and replies in request order', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [accepted] = await befriend(server(), alice, bob);
    const chat = accepted.conversationId as string;
    const [other] = await befriend(server(), bob, carol);
    const notMine = other.conversationId as string;
    const socket = await openSocket(server(), alice.token);

    // Every fifth send goes to a conversation alice is not in; a ping comes last.
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = `burst-${i}`;
      ids.push(id);
      socket.send({
        id,
        type: 'message.send',
        conversationId: i % 5 === 4 ? notMine : chat,
        clientMsgId: randomUUID(),
        text: `burst ${i}`,
      });
    }
    socket.send({ id: 'burst-ping', type: 'ping' });
    await socket.waitFor((f) => f.re === 'burst-ping', 'the ping reply');

    const replies = socket.frames.filter((f) => typeof f.re === 'string' && f.re.startsWith('burst-'));
    expect(replies.map((f) => f.re)).toEqual([...ids, 'burst-ping']);
    const stored = replies.slice(0, 40).filter((_, i) => i % 5 !== 4);
    for (const [i, reply] of replies.slice(0, 40).entries()) {
      if (i % 5 === 4) expect(reply.error?.code).toBe('not_found');
      else expect(reply.error).toBeUndefined();
    }
    const seqs = stored.map((f) => f.ok.seq as number);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));

    const history = await api(server(), 'GET', `/conversations/${chat}/messages?limit=100`, {
      token: alice.token,
    });
    const texts = history.body.messages
      .filter((m: { kind: string }) => m.kind === 'text')
      .map((m: { text: string }) => m.text);
    expect(texts).toEqual(
      ids
        .map((_, i) => i)
        .filter((i) => i % 5 !== 4)
        .map((i) => `burst ${i}`),
    );
    const theirs = await api(server(), 'GET', `/conversations/${notMine}/messages`, { token: bob.token });
    expect(theirs.body.messages.filter((m: { kind: string }) => m.kind === 'text')).toEqual([]);
    await closeAll(socket);
  });

  it('stores the sends of many sockets at once with consecutive seqs, each once', async () => {
    const members = await people(server(), 'm0', 'm1', 'm2', 'm3', 'm4', 'm5');
    const [owner, ...rest] = members;
    for (const m of rest) await befriend(server(), owner!, m);
    const group = await makeGroup(server(), owner!, { memberIds: rest.map((m) => m.user.id) });
    const sockets = await Promise.all(members.map((m) => openSocket(server(), m.token)));
    const acks = await Promise.all(
      sockets.flatMap((socket, s) =>
        Array.from({ length: 15 }, (_, i) =>
          socket.request('message.send', {
            conversationId: group.id,
            clientMsgId: randomUUID(),
            text: `s${s} n${i}`,
          }),
        ),
      ),
    );
    const seqs = acks.map((a) => a.ok.seq as number).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(90);
    expect(seqs.at(-1)! - seqs[0]!).toBe(89);
    // Each sender's messages keep the order they were sent in.
    for (let s = 0; s < sockets.length; s++) {
      const mine = acks.slice(s * 15, s * 15 + 15).map((a) => a.ok.seq as number);
      expect(mine).toEqual([...mine].sort((a, b) => a - b));
    }
    await closeAll(...sockets);
  });
});
