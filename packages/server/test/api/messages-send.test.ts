import { randomUUID } from 'node:crypto';
import { limits } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { befriend, people } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { settleWithBio } from '../support/markers.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSocket, openSockets } from '../support/socket.ts';

describe.each(dialects)('sending messages on %s', (dialect) => {
  const server = useServer(dialect);

  async function friendsWithChat() {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [accepted] = await befriend(server(), alice, bob);
    return { alice, bob, carol, chat: accepted.conversationId as string };
  }

  it('acks a message sent over the socket after storing it, and delivers it to the other member only', async () => {
    const { alice, bob, carol, chat } = await friendsWithChat();
    const [aliceSocket, bobSocket, carolSocket] = await openSockets(server(), alice, bob, carol);
    const clientMsgId = randomUUID();
    const reply = await aliceSocket.request('message.send', {
      conversationId: chat,
      clientMsgId,
      text: '你好 Bob 👋',
    });
    expect(reply.error).toBeUndefined();
    expect(reply.ok).toMatchObject({ conversationId: chat, clientMsgId, seq: expect.any(Number) });
    const heard = await bobSocket.waitForEvent('message.created', (m) => m.clientMsgId === clientMsgId);
    expect(heard.data).toMatchObject({
      seq: reply.ok.seq,
      text: '你好 Bob 👋',
      senderId: alice.user.id,
      kind: 'text',
    });
    await settleWithBio(server(), carol, carolSocket);
    expect(carolSocket.events('message.created', (m) => m.conversationId === chat)).toEqual([]);
    await closeAll(aliceSocket, bobSocket, carolSocket);
  });

  it('answers a retried clientMsgId with the first ack and stores the message once', async () => {
    const { alice, chat } = await friendsWithChat();
    const body = { clientMsgId: randomUUID(), text: 'only once' };
    const first = await api(server(), 'POST', `/conversations/${chat}/messages`, {
      token: alice.token,
      json: body,
    });
    const again = await Promise.all(
      [1, 2, 3].map(() =>
        api(server(), 'POST', `/conversations/${chat}/messages`, { token: alice.token, json: body }),
      ),
    );
    expect(first.status).toBe(201);
    for (const res of again) expect(res.body).toEqual(first.body);
    const history = await api(server(), 'GET', `/conversations/${chat}/messages`, { token: alice.token });
    expect(history.body.messages.filter((m: { text: string }) => m.text === 'only once')).toHaveLength(1);
  });

  it('stores racing sends of one clientMsgId once and answers them all with the same ack', async () => {
    const { alice, chat } = await friendsWithChat();
    const body = { clientMsgId: randomUUID(), text: 'racing' };
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() =>
        api(server(), 'POST', `/conversations/${chat}/messages`, { token: alice.token, json: body }),
      ),
    );
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const history = await api(server(), 'GET', `/conversations/${chat}/messages`, { token: alice.token });
    expect(history.body.messages.filter((m: { text: string }) => m.text === 'racing')).toHaveLength(1);
  });

  it('gives messages consecutive seqs with no gaps', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api(server(), 'POST', `/conversations/${chat}/messages`, {
          token: i % 2 ? alice.token : bob.token,
          json: { clientMsgId: randomUUID(), text: `n${i}` },
        }),
      ),
    );
    const history = await api(server(), 'GET', `/conversations/${chat}/messages?limit=100`, {
      token: alice.token,
    });
    const seqs = history.body.messages.map((m: { seq: number }) => m.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });

  it('refuses, storing nothing: too long, not a member, blocked, muted, a reply from elsewhere', async () => {
    const { alice, bob, carol, chat } = await friendsWithChat();
    const send = (who: typeof alice, conversation: string, json: Record<string, unknown>) =>
      api(server(), 'POST', `/conversations/${conversation}/messages`, {
        token: who.token,
        json: { clientMsgId: randomUUID(), ...json },
      });
    expectError(
      await send(alice, chat, { text: 'x'.repeat(limits.messageTextMax + 1) }),
      413,
      'too_large',
      'text',
    );
    expectError(await send(carol, chat, { text: 'let me in' }), 404, 'not_found');
    expectError(await send(alice, chat, { text: '   ' }), 400, 'invalid_request', 'text');

    expect((await api(server(), 'PUT', `/blocks/${alice.user.id}`, { token: bob.token })).status).toBe(204);
    expectError(await send(alice, chat, { text: 'are you there?' }), 403, 'cannot_message');
    await api(server(), 'DELETE', `/blocks/${alice.user.id}`, { token: bob.token });

    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id] });
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await api(server(), 'PATCH', `/groups/${group.id}/members/${bob.user.id}`, {
      token: alice.token,
      json: { mutedUntil: until },
    });
    expectError(await send(bob, group.id, { text: 'hello?' }), 403, 'muted');

    const elsewhere = await send(alice, chat, { text: 'in the chat' });
    expectError(
      await send(alice, group.id, { text: 're', replyToId: elsewhere.body.id }),
      404,
      'not_found',
      'replyToId',
    );

    const history = await api(server(), 'GET', `/conversations/${chat}/messages`, { token: alice.token });
    expect(
      history.body.messages
        .filter((m: { kind: string }) => m.kind === 'text')
        .map((m: { text: string }) => m.text),
    ).toEqual(['in the chat']);
  });

  it('carries replies and @mentions of members', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    const first = await api(server(), 'POST', `/conversations/${chat}/messages`, {
      token: bob.token,
      json: { clientMsgId: randomUUID(), text: 'lunch?' },
    });
    const bobSocket = await openSocket(server(), bob.token);
    await api(server(), 'POST', `/conversations/${chat}/messages`, {
      token: alice.token,
      json: { clientMsgId: randomUUID(), text: `yes @${bob.username}!`, replyToId: first.body.id },
    });
    const heard = await bobSocket.waitForEvent('message.created', (m) => m.replyTo !== null);
    expect(heard.data.replyTo).toMatchObject({ id: first.body.id, text: 'lunch?', recalled: false });
    expect(heard.data.mentions).toEqual([bob.user.id]);
    await bobSocket.close();
  });

  it('refuses control characters and invisible-only text, and never answers 500', async () => {
    const { alice, chat } = await friendsWithChat();
    for (const text of ['a\u0000b', '\u200B\u200B', 'bell\u0007']) {
      const res = await api(server(), 'POST', `/conversations/${chat}/messages`, {
        token: alice.token,
        json: { clientMsgId: randomUUID(), text },
      });
      expectError(res, 400, 'invalid_request', 'text');
    }
  });

  it('mentions someone named right after Chinese text', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    const sent = await api(server(), 'POST', `/conversations/${chat}/messages`, {
      token: alice.token,
      json: { clientMsgId: randomUUID(), text: `你好@${bob.username}` },
    });
    const page = await api(server(), 'GET', `/conversations/${chat}/messages?after=${sent.body.seq - 1}`, {
      token: alice.token,
    });
    expect(page.body.messages[0].mentions).toEqual([bob.user.id]);
  });

  it('quotes a long message in a reply without cutting an emoji in half', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    const long = await api(server(), 'POST', `/conversations/${chat}/messages`, {
      token: bob.token,
      json: { clientMsgId: randomUUID(), text: `${'a'.repeat(199)}😀 and more` },
    });
    const reply = await api(server(), 'POST', `/conversations/${chat}/messages`, {
      token: alice.token,
      json: { clientMsgId: randomUUID(), text: 'ok', replyToId: long.body.id },
    });
    const page = await api(server(), 'GET', `/conversations/${chat}/messages?after=${reply.body.seq - 1}`, {
      token: alice.token,
    });
    expect(page.body.messages[0].replyTo.text).toBe('a'.repeat(199));
  });

  it('does not count an @name inside code as a mention', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    const sent = await api(server(), 'POST', `/conversations/${chat}/messages`, {
      token: alice.token,
      json: { clientMsgId: randomUUID(), text: `run \`notify @${bob.username}\` later` },
    });
    const history = await api(server(), 'GET', `/conversations/${chat}/messages?after=${sent.body.seq - 1}`, {
      token: alice.token,
    });
    expect(history.body.messages[0].mentions).toEqual([]);
  });
});

describe.each(dialects)('the socket’s send budget on %s', (dialect) => {
  const server = useServer(dialect, { requestsPerMinute: 10 });

  it('refuses frames past the per-session budget with rate_limited, as REST does', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const [accepted] = await befriend(server(), alice, bob);
    const socket = await openSocket(server(), alice.token);
    const replies = [];
    for (let i = 0; i < 12; i++) {
      replies.push(
        await socket.request('message.send', {
          conversationId: accepted.conversationId,
          clientMsgId: randomUUID(),
          text: `n${i}`,
        }),
      );
    }
    expect(replies.some((r) => r.error?.code === 'rate_limited')).toBe(true);
    expect((await socket.request('ping')).ok).toBeDefined();
    await socket.close();
  });
});
