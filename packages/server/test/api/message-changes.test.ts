import { randomUUID } from 'node:crypto';
import { limits } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { type Person, befriend, people } from '../support/factories.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSocket } from '../support/socket.ts';

interface Changes {
  messages: { id: string; rev: number; text: string; [key: string]: unknown }[];
  lastRev: number;
  hasMore: boolean;
}

describe.each(dialects)('changes to messages already sent, on %s', (dialect) => {
  const server = useServer(dialect);

  async function chatOf(a: Person, b: Person): Promise<string> {
    const [seen] = await befriend(server(), a, b);
    return seen.conversationId;
  }
  async function say(who: Person, conversationId: string, text: string): Promise<string> {
    const res = await api(server(), 'POST', `/conversations/${conversationId}/messages`, {
      token: who.token,
      json: { clientMsgId: randomUUID(), text },
    });
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  }
  async function ok(res: Awaited<ReturnType<typeof api>>) {
    expect(res.status, res.text).toBe(200);
    return res.body;
  }
  const edit = (who: Person, id: string, text: string) =>
    api(server(), 'PATCH', `/messages/${id}`, { token: who.token, json: { text } }).then(ok);
  const recall = (who: Person, id: string) =>
    api(server(), 'POST', `/messages/${id}/recall`, { token: who.token }).then(ok);
  const react = (method: 'PUT' | 'DELETE', who: Person, id: string, emoji: string) =>
    api(server(), method, `/messages/${id}/reactions/${encodeURIComponent(emoji)}`, {
      token: who.token,
    }).then(ok);
  const lastRevOf = async (who: Person, id: string) =>
    (await ok(await api(server(), 'GET', `/conversations/${id}`, { token: who.token }))).lastRev as number;
  const history = async (who: Person, id: string) =>
    (
      await ok(
        await api(server(), 'GET', `/conversations/${id}/messages?after=0&limit=${limits.historyPageMax}`, {
          token: who.token,
        }),
      )
    ).messages as Changes['messages'];
  const changes = (who: Person, id: string, sinceRev: number, limit?: number) =>
    api(
      server(),
      'GET',
      `/conversations/${id}/changes?sinceRev=${sinceRev}${limit ? `&limit=${limit}` : ''}`,
      {
        token: who.token,
      },
    );

  /** Every change since `sinceRev`, paging `limit` at a time as a client does. */
  async function allChanges(who: Person, id: string, sinceRev: number, limit: number): Promise<Changes> {
    const all: Changes = { messages: [], lastRev: sinceRev, hasMore: false };
    for (let since = sinceRev; ;) {
      const page = (await ok(await changes(who, id, since, limit))) as Changes;
      expect(page.messages.length).toBeLessThanOrEqual(limit);
      all.messages.push(...page.messages);
      all.lastRev = page.lastRev;
      if (!page.hasMore) return all;
      since = page.messages.at(-1)!.rev;
    }
  }

  it('an edit, a recall and each reaction put or taken bump lastRev and stamp the message with it', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const chat = await chatOf(alice, bob);
    const first = await say(alice, chat, 'first');
    const second = await say(alice, chat, 'second');
    expect(await lastRevOf(alice, chat)).toBe(0);
    expect((await history(bob, chat)).every((m) => m.rev === 0)).toBe(true);
    const socket = await openSocket(server(), bob.token);

    const edited = await edit(alice, first, 'first, edited');
    expect(edited.rev).toBe(1);
    expect((await socket.waitForEvent('message.updated', (m) => m.rev === 1)).data).toEqual(edited);
    const put = await react('PUT', bob, second, '👍');
    expect(put).toMatchObject({ messageId: second, rev: 2 });
    expect((await socket.waitForEvent('reaction.changed', (r) => r.rev === 2)).data).toEqual(put);
    // Nothing changed, so no revision: the same answer, the same rev.
    expect(await react('PUT', bob, second, '👍')).toEqual(put);
    expect((await react('DELETE', bob, second, '👍')).rev).toBe(3);
    expect((await react('DELETE', bob, second, '👍')).rev).toBe(3);
    expect((await recall(alice, second)).rev).toBe(4);
    // A new message is covered by its seq, not by a revision.
    await say(bob, chat, 'third');

    expect(await lastRevOf(bob, chat)).toBe(4);
    const revs = Object.fromEntries((await history(bob, chat)).map((m) => [m.id, m.rev]));
    expect([revs[first], revs[second]]).toEqual([1, 4]);
    const list = await ok(await api(server(), 'GET', '/conversations', { token: alice.token }));
    expect(list.conversations.find((c: { id: string }) => c.id === chat)).toMatchObject({ lastRev: 4 });
    await closeAll(socket);
  });

  it('sync reports a conversation whose lastRev passed the rev given, and not one at it or given a bare seq', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const chat = await chatOf(alice, bob);
    const id = await say(alice, chat, 'hello');
    const seen = await ok(await api(server(), 'GET', `/conversations/${chat}`, { token: bob.token }));
    const socket = await openSocket(server(), bob.token);
    const sync = async (cursor: unknown) => {
      const reply = await socket.request('sync', { cursors: { [chat]: cursor } });
      expect(reply.error).toBeUndefined();
      // Conversations not named (the lobby) are reported as new: only this one is looked at.
      return reply.ok.conversations.map((c: { id: string }) => c.id).filter((c: string) => c === chat);
    };
    expect(await sync({ seq: seen.lastSeq, rev: seen.lastRev })).toEqual([]);

    await edit(alice, id, 'hello again');
    expect(await sync({ seq: seen.lastSeq, rev: seen.lastRev })).toEqual([chat]);
    expect(await sync({ seq: seen.lastSeq, rev: seen.lastRev + 1 })).toEqual([]);
    // A client that knows nothing of revisions sends a bare seq and is answered as before.
    expect(await sync(seen.lastSeq)).toEqual([]);
    const reply = await socket.request('sync', { cursors: { [chat]: { seq: seen.lastSeq, rev: 0 } } });
    expect(reply.ok.conversations.find((c: { id: string }) => c.id === chat)).toMatchObject({
      lastSeq: seen.lastSeq,
      lastRev: 1,
    });

    const bad = await socket.request('sync', { cursors: { [chat]: { seq: 1 } } });
    expect(bad.error?.code).toBe('invalid_request');
    await closeAll(socket);
  });

  it('changes pages hold exactly the messages changed since the rev, each once, as they are now, by rev', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const chat = await chatOf(alice, bob);
    const ids: string[] = [];
    for (let i = 0; i < 8; i += 1) ids.push(await say(alice, chat, `message ${i}`));
    await edit(alice, ids[1]!, 'one, edited');
    const since = await lastRevOf(bob, chat);
    // Changed after `since`: 2 (twice), 3, 5 (reacted, then recalled), 6 (reacted and unreacted).
    await edit(alice, ids[2]!, 'two, edited');
    await react('PUT', bob, ids[3]!, '🎉');
    await edit(alice, ids[2]!, 'two, edited again');
    await react('PUT', bob, ids[5]!, '👀');
    await react('PUT', alice, ids[6]!, '👍');
    await recall(alice, ids[5]!);
    await react('DELETE', alice, ids[6]!, '👍');

    const now = await history(bob, chat);
    const expected = [ids[3], ids[2], ids[5], ids[6]].map((id) => now.find((m) => m.id === id));
    for (const limit of [1, 2, 3, 100]) {
      const all = await allChanges(bob, chat, since, limit);
      expect(all.messages).toEqual(expected);
      expect(all.lastRev).toBe(since + 7);
    }
    expect(await ok(await changes(bob, chat, since + 7))).toEqual({
      messages: [],
      lastRev: since + 7,
      hasMore: false,
    });
    const everything = await allChanges(bob, chat, 0, 100);
    expect(everything.messages.map((m) => m.id)).toEqual([ids[1], ids[3], ids[2], ids[5], ids[6]]);
    expect(everything.messages.map((m) => m.rev)).toEqual([...everything.messages.map((m) => m.rev)].sort());
  });

  it('changes made at the same moment get distinct revs, none lost', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const chat = await chatOf(alice, bob);
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) ids.push(await say(alice, chat, `message ${i}`));
    const emoji = ['👍', '🎉', '👀', '🔥', '✅', '💯'];
    await Promise.all([
      ...ids.map((id, i) => react('PUT', bob, id, emoji[i]!)),
      ...ids.map((id, i) => edit(alice, id, `message ${i}, edited`)),
    ]);
    expect(await lastRevOf(alice, chat)).toBe(12);
    const all = await allChanges(alice, chat, 0, 100);
    const changed = (await history(alice, chat)).filter((m) => m.rev > 0);
    expect(all.messages).toEqual(changed.sort((a, b) => a.rev - b.rev));
    expect(
      all.messages.every((m) => m.text.endsWith('edited') && (m.reactions as unknown[]).length === 1),
    ).toBe(true);
    expect(new Set(all.messages.map((m) => m.rev)).size).toBe(6);
  });

  it('are not found for someone outside the conversation, and refuse a limit past historyPageMax', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const chat = await chatOf(alice, bob);
    await edit(alice, await say(alice, chat, 'private'), 'still private');
    expectError(await changes(carol, chat, 0), 404, 'not_found');
    expectError(await changes(carol, randomUUID(), 0), 404, 'not_found');
    expectError(await changes(alice, chat, 0, limits.historyPageMax + 1), 400, 'invalid_request', 'limit');
    expectError(await changes(alice, chat, -1), 400, 'invalid_request', 'sinceRev');
    expectError(await api(server(), 'GET', `/conversations/${chat}/changes`), 401, 'unauthenticated');
  });
});
