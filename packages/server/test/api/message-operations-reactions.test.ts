import { randomUUID } from 'node:crypto';
import { limits } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { type Person, befriend, people } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { settleWithBio } from '../support/markers.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSockets } from '../support/socket.ts';

const emoji = [...'😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙🥲😚🙂🤗🤩'];

describe.each(dialects)('reactions on %s', (dialect) => {
  const server = useServer(dialect);

  async function chatWithMessage() {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [seen] = await befriend(server(), alice, bob);
    const chat = seen.conversationId as string;
    const sent = await api(server(), 'POST', `/conversations/${chat}/messages`, {
      token: alice.token,
      json: { clientMsgId: randomUUID(), text: 'who is in?' },
    });
    return { alice, bob, carol, chat, id: sent.body.id as string };
  }
  const react = (method: 'PUT' | 'DELETE', who: Person, id: string, e: string) =>
    api(server(), method, `/messages/${id}/reactions/${encodeURIComponent(e)}`, { token: who.token });

  it('puts and takes emoji idempotently; members hear reaction.changed only when something changed', async () => {
    const { alice, bob, carol, chat, id } = await chatWithMessage();
    const [aliceSocket, carolSocket] = await openSockets(server(), alice, carol);

    const put = await react('PUT', bob, id, '👍');
    expect(put.status, put.text).toBe(200);
    expect(put.body).toEqual({
      conversationId: chat,
      messageId: id,
      reactions: [{ emoji: '👍', count: 1, userIds: [bob.user.id] }],
      rev: 1,
    });
    expect((await aliceSocket.waitForEvent('reaction.changed')).data).toEqual(put.body);
    expect((await react('PUT', bob, id, '👍')).body).toEqual(put.body);

    const both = await react('PUT', alice, id, '👍');
    expect(both.body.reactions).toEqual([{ emoji: '👍', count: 2, userIds: expect.any(Array) }]);
    expect(both.body.reactions[0].userIds.sort()).toEqual([alice.user.id, bob.user.id].sort());
    const taken = await react('DELETE', bob, id, '👍');
    expect(taken.body.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [alice.user.id] }]);
    expect((await react('DELETE', bob, id, '👍')).body).toEqual(taken.body);

    const history = await api(server(), 'GET', `/conversations/${chat}/messages`, { token: bob.token });
    expect(history.body.messages.find((m: { id: string }) => m.id === id).reactions).toEqual(
      taken.body.reactions,
    );
    await settleWithBio(server(), alice, aliceSocket);
    expect(aliceSocket.events('reaction.changed').map((f) => f.data.reactions[0]?.count ?? 0)).toEqual([
      1, 2, 1,
    ]);
    await settleWithBio(server(), carol, carolSocket);
    expect(carolSocket.events('reaction.changed')).toEqual([]);
    await closeAll(aliceSocket, carolSocket);
  });

  it('takes exactly one emoji, skin tones, families, flags and keycaps included, one spelling each', async () => {
    const { bob, id } = await chatWithMessage();
    for (const ok of ['👍🏽', '👨‍👩‍👧', '🇨🇳', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '1️⃣', '❤']) {
      const res = await react('PUT', bob, id, ok);
      expect(res.status, `${ok}: ${res.text}`).toBe(200);
    }
    // "❤" and "❤️" are the same reaction, and so are keycaps with or without U+FE0F.
    await react('PUT', bob, id, '❤️');
    const last = await react('PUT', bob, id, '1\u20E3');
    expect(last.body.reactions.map((r: { emoji: string }) => r.emoji).sort()).toEqual(
      ['👍🏽', '👨‍👩‍👧', '🇨🇳', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '1️⃣', '❤️'].sort(),
    );
    for (const bad of ['a', '👍👍', 'ok', '1', '🇨', ' 👍', '\u200d']) {
      expectError(await react('PUT', bob, id, bad), 400, 'invalid_request', 'emoji');
    }
    const broken = await api(server(), 'PUT', `/messages/${id}/reactions/%F0%9F`, { token: bob.token });
    expectError(broken, 400, 'invalid_request');
  });

  it(`allows ${limits.reactionsPerMessageMax} different emoji per message; joining one already there always works`, async () => {
    const { alice, bob, id } = await chatWithMessage();
    for (const e of emoji.slice(0, limits.reactionsPerMessageMax)) {
      expect((await react('PUT', bob, id, e)).status).toBe(200);
    }
    expectError(
      await react('PUT', alice, id, emoji[limits.reactionsPerMessageMax]!),
      409,
      'limit_reached',
      'emoji',
    );
    const joined = await react('PUT', alice, id, emoji[0]!);
    expect(joined.status).toBe(200);
    expect(joined.body.reactions).toHaveLength(limits.reactionsPerMessageMax);
  });

  it('refuses reactions on recalled messages and notices, from outsiders, and from the muted (who may still take theirs back)', async () => {
    const { alice, bob, carol, chat, id } = await chatWithMessage();
    expectError(await react('PUT', carol, id, '👍'), 404, 'not_found');
    expectError(await react('PUT', bob, randomUUID(), '👍'), 404, 'not_found');
    const history = await api(server(), 'GET', `/conversations/${chat}/messages`, { token: bob.token });
    const notice = history.body.messages.find((m: { kind: string }) => m.kind === 'system');
    expectError(await react('PUT', bob, notice.id, '👍'), 403, 'forbidden');

    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id] });
    const sent = await api(server(), 'POST', `/conversations/${group.id}/messages`, {
      token: alice.token,
      json: { clientMsgId: randomUUID(), text: 'vote!' },
    });
    expect((await react('PUT', bob, sent.body.id, '🎉')).status).toBe(200);
    await api(server(), 'PATCH', `/groups/${group.id}/members/${bob.user.id}`, {
      token: alice.token,
      json: { mutedUntil: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expectError(await react('PUT', bob, sent.body.id, '👍'), 403, 'muted');
    expect((await react('DELETE', bob, sent.body.id, '🎉')).body.reactions).toEqual([]);

    expect((await api(server(), 'POST', `/messages/${id}/recall`, { token: alice.token })).status).toBe(200);
    expectError(await react('PUT', bob, id, '👍'), 409, 'recalled');
    expectError(await react('DELETE', bob, id, '👍'), 409, 'recalled');
  });
});
