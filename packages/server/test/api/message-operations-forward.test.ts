import { randomUUID } from 'node:crypto';
import { limits } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { type Person, befriend, people } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { settleWithBio } from '../support/markers.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSockets } from '../support/socket.ts';

describe.each(dialects)('forwarding messages on %s', (dialect) => {
  const server = useServer(dialect);

  /** alice and bob chat; alice is also friends with carol; dave is nobody's friend. */
  async function cast() {
    const [alice, bob, carol, dave] = await people(server(), 'alice', 'bob', 'carol', 'dave');
    const [withBob, withCarol] = await befriend(server(), alice, bob, carol);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id, carol.user.id] });
    const sent = await api(server(), 'POST', `/conversations/${withBob.conversationId}/messages`, {
      token: bob.token,
      json: { clientMsgId: randomUUID(), text: 'worth sharing 📎' },
    });
    return {
      alice,
      bob,
      carol,
      dave,
      ab: withBob.conversationId as string,
      ac: withCarol.conversationId as string,
      group: group.id as string,
      id: sent.body.id as string,
    };
  }
  const forward = (who: Person, id: string, json: Record<string, unknown>) =>
    api(server(), 'POST', `/messages/${id}/forward`, {
      token: who.token,
      json: { clientMsgId: randomUUID(), ...json },
    });
  const texts = async (who: Person, conversationId: string) =>
    (
      await api(server(), 'GET', `/conversations/${conversationId}/messages`, { token: who.token })
    ).body.messages
      .filter((m: { kind: string }) => m.kind === 'text')
      .map((m: { text: string }) => m.text);

  it('copies the text into each target as a send by the forwarder, acked in order; a retry stores nothing twice', async () => {
    const { alice, carol, dave, ac, group, id } = await cast();
    const [carolSocket, daveSocket] = await openSockets(server(), carol, dave);
    const body = { clientMsgId: randomUUID(), conversationIds: [ac, group] };
    const res = await forward(alice, id, body);
    expect(res.status, res.text).toBe(201);
    expect(res.body.acks.map((a: { conversationId: string }) => a.conversationId)).toEqual([ac, group]);
    for (const ack of res.body.acks) {
      const heard = await carolSocket.waitForEvent('message.created', (m) => m.id === ack.id);
      expect(heard.data).toMatchObject({ text: 'worth sharing 📎', senderId: alice.user.id, seq: ack.seq });
      expect(heard.data.forwardedFrom).toEqual({ messageId: id, senderId: expect.any(String) });
    }

    const again = await forward(alice, id, body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(res.body);
    expect(await texts(carol, ac)).toEqual(['worth sharing 📎']);
    expect(await texts(carol, group)).toEqual(['worth sharing 📎']);
    await settleWithBio(server(), dave, daveSocket);
    expect(daveSocket.events('message.created')).toEqual([]);
    await closeAll(carolSocket, daveSocket);
  });

  it('refuses, storing nothing anywhere: a target or source not mine, muted, recalled, a notice, bad lists', async () => {
    const { alice, bob, carol, dave, ab, ac, group, id } = await cast();
    const [withDave] = await befriend(server(), carol, dave);
    const notMine = withDave.conversationId as string;
    expectError(
      await forward(alice, id, { conversationIds: [ac, notMine] }),
      404,
      'not_found',
      'conversationIds',
    );
    expectError(await forward(carol, id, { conversationIds: [ac] }), 404, 'not_found');
    expectError(await forward(alice, randomUUID(), { conversationIds: [ac] }), 404, 'not_found');

    await api(server(), 'PATCH', `/groups/${group}/members/${bob.user.id}`, {
      token: alice.token,
      json: { mutedUntil: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expectError(await forward(bob, id, { conversationIds: [ab, group] }), 403, 'muted');

    const tooMany = Array.from({ length: limits.forwardTargetsMax + 1 }, () => randomUUID());
    for (const conversationIds of [[], tooMany, [ac, ac]]) {
      expectError(await forward(alice, id, { conversationIds }), 400, 'invalid_request');
    }
    const history = await api(server(), 'GET', `/conversations/${ab}/messages`, { token: alice.token });
    const notice = history.body.messages.find((m: { kind: string }) => m.kind === 'system');
    expectError(await forward(alice, notice.id, { conversationIds: [ac] }), 403, 'forbidden');

    expect((await api(server(), 'POST', `/messages/${id}/recall`, { token: bob.token })).status).toBe(200);
    expectError(await forward(alice, id, { conversationIds: [ac] }), 409, 'recalled');
    expect(await texts(carol, ac)).toEqual([]);
    expect(await texts(carol, group)).toEqual([]);
    expect(await texts(alice, ab)).toEqual(['']);
  });
});

describe.each(dialects)('typing on %s', (dialect) => {
  const server = useServer(dialect);

  it('tells the other members, not my own devices or outsiders, at most once per interval, storing nothing', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [withBob, withCarol] = await befriend(server(), alice, bob, carol);
    const [aliceSocket, otherDevice, bobSocket, carolSocket] = await openSockets(
      server(),
      alice,
      alice,
      bob,
      carol,
    );
    const before = await api(server(), 'GET', `/conversations/${withBob.conversationId}`, {
      token: alice.token,
    });

    for (let i = 0; i < 3; i += 1) {
      const reply = await aliceSocket.request('typing', { conversationId: withBob.conversationId });
      expect(reply).toMatchObject({ ok: {} });
    }
    const heard = await bobSocket.waitForEvent('typing');
    expect(heard.data).toEqual({ conversationId: withBob.conversationId, userId: alice.user.id });
    // Another conversation has its own interval.
    await aliceSocket.request('typing', { conversationId: withCarol.conversationId });
    await carolSocket.waitForEvent('typing', (d) => d.conversationId === withCarol.conversationId);

    await settleWithBio(server(), bob, bobSocket);
    expect(bobSocket.events('typing')).toHaveLength(1);
    await settleWithBio(server(), alice, otherDevice);
    expect(otherDevice.events('typing')).toEqual([]);
    expect(carolSocket.events('typing', (d) => d.conversationId === withBob.conversationId)).toEqual([]);
    const after = await api(server(), 'GET', `/conversations/${withBob.conversationId}`, {
      token: alice.token,
    });
    expect(after.body.lastSeq).toBe(before.body.lastSeq);
    await closeAll(aliceSocket, otherDevice, bobSocket, carolSocket);
  });

  it('refuses outsiders (not_found) and the muted, and tells nobody', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [withBob] = await befriend(server(), alice, bob);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id] });
    await api(server(), 'PATCH', `/groups/${group.id}/members/${bob.user.id}`, {
      token: alice.token,
      json: { mutedUntil: new Date(Date.now() + 3_600_000).toISOString() },
    });
    const [aliceSocket, bobSocket, carolSocket] = await openSockets(server(), alice, bob, carol);
    const outsider = await carolSocket.request('typing', { conversationId: withBob.conversationId });
    expect(outsider.error?.code).toBe('not_found');
    const muted = await bobSocket.request('typing', { conversationId: group.id });
    expect(muted.error?.code).toBe('muted');
    await settleWithBio(server(), alice, aliceSocket);
    expect(aliceSocket.events('typing')).toEqual([]);
    await closeAll(aliceSocket, bobSocket, carolSocket);
  });
});
