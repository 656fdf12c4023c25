import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, befriend, logIn, people, register } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { settle } from '../support/markers.ts';
import { type TestSocket, closeAll, openSocket } from '../support/socket.ts';
import { type Cluster, type ClusterNode, startCluster } from './support/cluster.ts';

// Three Parley processes on one PostgreSQL database and one Redis (docs/deploy.md), people
// spread over them: everything that crosses one user's devices on one node must cross nodes,
// and reach nobody else. "Nobody else" is checked after a marker event published by the same
// node as the action: Redis keeps one publisher's order, so once the marker has arrived, an
// event that was going to arrive has arrived.

describe('a cluster of three nodes', () => {
  let cluster: Cluster;
  let A: ClusterNode, B: ClusterNode, C: ClusterNode;
  const sockets: TestSocket[] = [];
  /** Once this returns, whatever any node published for `socket` before it has arrived. */
  const settleEverywhere = async (person: Person, socket: TestSocket) => {
    for (const node of [A, B, C]) await settle(node, person, socket);
  };
  /** Events about `conversationId` that reached `socket` (presence and profiles aside). */
  const heardOf = (socket: TestSocket, conversationId: string) =>
    socket.frames.filter((f) => f.event !== undefined && f.data?.conversationId === conversationId);
  const socketOn = async (node: ClusterNode, token: string) => {
    const socket = await openSocket(node, token);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    cluster = await startCluster(3);
    [A, B, C] = cluster.nodes as [ClusterNode, ClusterNode, ClusterNode];
  }, 90_000);
  afterAll(async () => {
    await closeAll(...sockets);
    await cluster?.close();
  });

  it('delivers a message to the other member and the sender’s devices on other nodes, and to no one else', async () => {
    const [alice, bob, carol] = await people(A, 'alice', 'bob', 'carol');
    const [accepted] = await befriend(B, alice, bob);
    const chat = accepted.conversationId as string;
    const alicePhone = await logIn(C, alice, 'Phone');
    const aliceSocket = await socketOn(A, alice.token);
    const bobSocket = await socketOn(B, bob.token);
    const phoneSocket = await socketOn(C, alicePhone.token);
    const carolSocket = await socketOn(C, carol.token);

    const clientMsgId = randomUUID();
    const reply = await aliceSocket.request('message.send', {
      conversationId: chat,
      clientMsgId,
      text: '你好 👋',
    });
    expect(reply.error).toBeUndefined();
    for (const socket of [bobSocket, phoneSocket]) {
      const heard = await socket.waitForEvent('message.created', (m) => m.clientMsgId === clientMsgId);
      expect(heard.data).toMatchObject({ seq: reply.ok.seq, text: '你好 👋', senderId: alice.user.id });
    }
    await settle(A, carol, carolSocket);
    expect(carolSocket.events('message.created')).toEqual([]);
    // Exactly once on every socket, though each node hears it from Redis and (the sender's) locally.
    expect(bobSocket.events('message.created', (m) => m.clientMsgId === clientMsgId)).toHaveLength(1);
    expect(aliceSocket.events('message.created', (m) => m.clientMsgId === clientMsgId)).toHaveLength(1);
  });

  it('carries edits, recalls, reactions and typing across nodes, to the chat’s members only', async () => {
    const [alice, bob, carol] = await people(A, 'alice', 'bob', 'carol');
    const carolSocket = await socketOn(C, carol.token);
    const [accepted] = await befriend(A, alice, bob);
    const chat = accepted.conversationId as string;
    const aliceSocket = await socketOn(A, alice.token);
    const bobSocket = await socketOn(B, bob.token);
    const sent = await api(C, 'POST', `/conversations/${chat}/messages`, {
      token: alice.token,
      json: { clientMsgId: randomUUID(), text: 'first draft' },
    });
    expect(sent.status).toBe(201);
    const id = sent.body.id as string;

    expect(
      (await api(C, 'PATCH', `/messages/${id}`, { token: alice.token, json: { text: 'final' } })).status,
    ).toBe(200);
    await bobSocket.waitForEvent('message.updated', (m) => m.id === id && m.text === 'final');

    const thumbs = encodeURIComponent('👍');
    expect((await api(A, 'PUT', `/messages/${id}/reactions/${thumbs}`, { token: bob.token })).status).toBe(
      200,
    );
    await aliceSocket.waitForEvent(
      'reaction.changed',
      (d) => d.messageId === id && d.reactions[0]?.count === 1,
    );

    expect((await aliceSocket.request('typing', { conversationId: chat })).error).toBeUndefined();
    await bobSocket.waitForEvent('typing', (d) => d.conversationId === chat && d.userId === alice.user.id);

    expect((await api(B, 'POST', `/messages/${id}/recall`, { token: alice.token })).status).toBe(200);
    await bobSocket.waitForEvent('message.updated', (m) => m.id === id && m.recalledBy === alice.user.id);
    await settleEverywhere(carol, carolSocket);
    expect(heardOf(carolSocket, chat)).toEqual([]);
  });

  it('carries read state to my other devices and receipts to the sender, and to no one else', async () => {
    const [alice, bob, carol] = await people(A, 'alice', 'bob', 'carol');
    const carolSocket = await socketOn(B, carol.token);
    const [accepted] = await befriend(A, alice, bob);
    const chat = accepted.conversationId as string;
    const bobPhone = await logIn(A, bob, 'Phone');
    const aliceSocket = await socketOn(A, alice.token);
    const bobSocket = await socketOn(B, bob.token);
    const bobPhoneSocket = await socketOn(C, bobPhone.token);
    const sent = await aliceSocket.request('message.send', {
      conversationId: chat,
      clientMsgId: randomUUID(),
      text: 'read me',
    });
    await bobSocket.waitForEvent('message.created', (m) => m.id === sent.ok.id);

    expect(
      (await bobSocket.request('read', { conversationId: chat, seq: sent.ok.seq })).error,
    ).toBeUndefined();
    await bobPhoneSocket.waitForEvent(
      'read.updated',
      (d) => d.conversationId === chat && d.readSeq === sent.ok.seq,
    );
    await aliceSocket.waitForEvent(
      'receipt.updated',
      (d) => d.conversationId === chat && d.userId === bob.user.id && d.readSeq === sent.ok.seq,
    );
    await settleEverywhere(carol, carolSocket);
    expect(heardOf(carolSocket, chat)).toEqual([]);
  });

  it('shows a friend online while they have a socket on any node, and offline when the last one closes', async () => {
    const [alice, bob] = await people(A, 'alice', 'bob');
    await befriend(A, alice, bob);
    const aliceSocket = await socketOn(A, alice.token);
    const bobOnB = await openSocket(B, bob.token);
    await aliceSocket.waitForEvent('presence.changed', (d) => d.userId === bob.user.id && d.online);
    const bobOnC = await openSocket(C, bob.token);
    // Bob's second socket, on another node, is no news.
    await bobOnB.close();
    await settle(B, alice, aliceSocket);
    expect(aliceSocket.events('presence.changed', (d) => d.userId === bob.user.id && !d.online)).toEqual([]);
    await bobOnC.close();
    await aliceSocket.waitForEvent('presence.changed', (d) => d.userId === bob.user.id && !d.online);
    // And the REST view from a third node agrees.
    const seen = await api(B, 'GET', '/presence', { token: alice.token });
    expect(seen.body.online).not.toContain(bob.user.id);
  });

  it('lists a group’s members online on any node, and hides one who shows presence to friends only at once', async () => {
    // The cluster runs without a lobby; an open group that shows presence is the same rule.
    const [erin, frank, gina] = await people(A, 'erin', 'frank', 'gina');
    const group = await makeGroup(A, erin, { joinPolicy: 'open' });
    for (const p of [frank, gina])
      expect((await api(B, 'POST', `/groups/${group.id}/join`, { token: p.token })).status).toBe(200);
    const erinSocket = await socketOn(A, erin.token);
    await socketOn(B, frank.token);
    const ginaSocket = await socketOn(C, gina.token);
    await erinSocket.waitForEvent('presence.changed', (d) => d.userId === gina.user.id && d.online);
    const onlineIn = async (node: ClusterNode) =>
      (await api(node, 'GET', `/conversations/${group.id}/online`, { token: erin.token })).body.users.map(
        (u: { id: string }) => u.id,
      );
    expect(await onlineIn(B)).toEqual([frank.user.id, gina.user.id]);
    const hidden = await api(C, 'PATCH', '/me/settings', {
      token: gina.token,
      json: { presenceVisibleTo: 'friends' },
    });
    expect(hidden.status).toBe(200);
    await erinSocket.waitForEvent('presence.changed', (d) => d.userId === gina.user.id && !d.online);
    expect(await onlineIn(A)).toEqual([frank.user.id]);
    await ginaSocket.close();
  });

  it('carries friend requests, group events and kicks; a kicked member stops hearing the group on every node', async () => {
    const [alice, bob, carol, dave] = await people(A, 'alice', 'bob', 'carol', 'dave');
    const aliceSocket = await socketOn(A, alice.token);
    const carolSocket = await socketOn(C, carol.token);
    const bobSocket = await socketOn(B, bob.token);

    const asked = await api(C, 'POST', '/friend-requests', {
      token: dave.token,
      json: { userId: alice.user.id },
    });
    expect(asked.status).toBe(201);
    await aliceSocket.waitForEvent('friend.requested', (d) => d.id === asked.body.request.id);

    await befriend(B, alice, bob, carol);
    const group = await makeGroup(B, alice, { memberIds: [bob.user.id, carol.user.id] });
    await carolSocket.waitForEvent('conversation.updated', (d) => d.id === group.id);

    expect(
      (await api(B, 'DELETE', `/groups/${group.id}/members/${carol.user.id}`, { token: alice.token })).status,
    ).toBe(204);
    await carolSocket.waitForEvent(
      'member.removed',
      (d) => d.conversationId === group.id && d.userId === carol.user.id,
    );

    const after = await bobSocket.request('message.send', {
      conversationId: group.id,
      clientMsgId: randomUUID(),
      text: 'after the kick',
    });
    expect(after.error).toBeUndefined();
    await aliceSocket.waitForEvent('message.created', (m) => m.id === after.ok.id);
    await settle(B, carol, carolSocket);
    expect(carolSocket.events('message.created', (m) => m.id === after.ok.id)).toEqual([]);
  });

  it('closes a revoked session’s socket on another node, and every other session’s on a password change', async () => {
    const alice = await register(A, 'alice');
    const phone = await logIn(B, alice, 'Phone');
    const tablet = await logIn(C, alice, 'Tablet');
    const phoneSocket = await openSocket(C, phone.token);
    expect((await api(A, 'DELETE', `/me/sessions/${phone.session.id}`, { token: alice.token })).status).toBe(
      204,
    );
    const revoked = await phoneSocket.waitForEvent('session.revoked');
    expect(revoked.data).toMatchObject({ sessionId: phone.session.id, reason: 'revoked' });
    expect((await phoneSocket.waitForClose()).code).toBe(4003);

    const laptopSocket = await socketOn(A, alice.token);
    const tabletSocket = await openSocket(B, tablet.token);
    const changed = await api(C, 'POST', '/me/password', {
      token: alice.token,
      json: { currentPassword: alice.password, newPassword: 'a brand new password' },
    });
    expect(changed.status).toBe(204);
    await tabletSocket.waitForEvent('session.revoked', (d) => d.reason === 'password_changed');
    expect((await tabletSocket.waitForClose()).code).toBe(4003);
    expect(laptopSocket.isOpen).toBe(true);
  });

  it('counts failed logins across nodes: the limit is the same however the guesses are spread', async () => {
    const alice = await register(A, 'alice');
    const nodes = [A, B, C];
    // PARLEY_LOGIN_MAX_FAILURES is 10: ten wrong guesses spread over three nodes use it up.
    for (let i = 0; i < 10; i += 1) {
      const res = await api(nodes[i % 3]!, 'POST', '/auth/login', {
        json: { username: alice.username, password: `wrong ${i}` },
      });
      expect(res.status).toBe(401);
    }
    for (const node of nodes) {
      const res = await api(node, 'POST', '/auth/login', {
        json: { username: alice.username, password: alice.password },
      });
      expectError(res, 429, 'rate_limited');
    }
  });
});

describe('a cluster of two nodes with PARLEY_SINGLE_SESSION', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster(2, { env: { PARLEY_SINGLE_SESSION: 'true' } });
  }, 90_000);
  afterAll(() => cluster?.close());

  it('signs the older device out on the other node: logged_in_elsewhere and 4003', async () => {
    const [A, B] = cluster.nodes as [ClusterNode, ClusterNode];
    const alice = await register(A, 'alice', { deviceName: 'Laptop' });
    const laptopSocket = await openSocket(A, alice.token);
    await logIn(B, alice, 'Phone');
    const revoked = await laptopSocket.waitForEvent('session.revoked');
    expect(revoked.data).toMatchObject({ sessionId: alice.session.id, reason: 'logged_in_elsewhere' });
    expect((await laptopSocket.waitForClose()).code).toBe(4003);
  });
});
