import { randomUUID } from 'node:crypto';
import { limits } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { newId, now } from '../../src/ids.ts';
import { appendMessage } from '../../src/store/messages.ts';
import { befriend, type Person, people } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';

describe.each(dialects)('message search on %s', (dialect) => {
  const server = useServer(dialect);

  /** alice and bob, friends, with their direct conversation. */
  async function chatting() {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const [accepted] = await befriend(server(), alice, bob);
    return { alice, bob, chat: accepted.conversationId as string };
  }

  async function send(person: Person, conversationId: string, text: string): Promise<string> {
    const res = await api(server(), 'POST', `/conversations/${conversationId}/messages`, {
      token: person.token,
      json: { clientMsgId: randomUUID(), text },
    });
    expect(res.status, res.text).toBe(201);
    return res.body.id;
  }

  function search(person: Person, params: Record<string, string | number>) {
    const query = new URLSearchParams(
      Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
    );
    return api(server(), 'GET', `/search/messages?${query}`, { token: person.token });
  }

  /** The texts a search finds, newest first. */
  async function found(person: Person, params: Record<string, string | number>): Promise<string[]> {
    const res = await search(person, params);
    expect(res.status, res.text).toBe(200);
    return res.body.results.map((r: { message: { text: string } }) => r.message.text);
  }

  it('finds 大家你好啊 when searching 你好, two characters no trigram index can serve', async () => {
    const { alice, bob, chat } = await chatting();
    await send(bob, chat, '大家你好啊');
    await send(bob, chat, '大家好');
    expect(await found(alice, { q: '你好' })).toEqual(['大家你好啊']);
    expect(await found(alice, { q: '你好', conversationId: chat })).toEqual(['大家你好啊']);
    const res = await search(alice, { q: '你好' });
    expect(res.body.results[0].message).toMatchObject({ conversationId: chat, senderId: bob.user.id });
    expect(res.body.results[0].snippet).toEqual({ text: '大家你好啊', highlights: [[2, 4]] });
  });

  it('finds 我明天去东京 when searching 东京', async () => {
    const { alice, bob, chat } = await chatting();
    await send(alice, chat, '我明天去东京');
    await send(alice, chat, '我明天去京都');
    expect(await found(bob, { q: '东京', conversationId: chat })).toEqual(['我明天去东京']);
  });

  it('finds Chinese text of three and more characters through the index, inside a sentence', async () => {
    const { alice, bob, chat } = await chatting();
    await send(alice, chat, '我们下周一起去北京大学看看吧');
    expect(await found(bob, { q: '北京大学', conversationId: chat })).toEqual([
      '我们下周一起去北京大学看看吧',
    ]);
    expect(await found(bob, { q: '上海大学', conversationId: chat })).toEqual([]);
  });

  it('finds Japanese ありがとう inside a sentence', async () => {
    const { alice, bob, chat } = await chatting();
    await send(alice, chat, '昨日は本当にありがとうございました！');
    await send(alice, chat, 'またね');
    expect(await found(bob, { q: 'ありがとう', conversationId: chat })).toEqual([
      '昨日は本当にありがとうございました！',
    ]);
    expect(await found(bob, { q: 'ありがと', conversationId: chat })).toHaveLength(1);
  });

  it('finds Korean 안녕하세요 inside a sentence', async () => {
    const { alice, bob, chat } = await chatting();
    await send(bob, chat, '여러분 안녕하세요 반갑습니다');
    expect(await found(alice, { q: '안녕하세요', conversationId: chat })).toEqual([
      '여러분 안녕하세요 반갑습니다',
    ]);
    expect(await found(alice, { q: '안녕', conversationId: chat })).toEqual(['여러분 안녕하세요 반갑습니다']);
  });

  it('ignores letter case in English and other scripts: Hello finds "well hello there"', async () => {
    const { alice, bob, chat } = await chatting();
    await send(bob, chat, 'well hello there');
    await send(bob, chat, 'ПРИВЕТ, Élodie');
    expect(await found(alice, { q: 'Hello', conversationId: chat })).toEqual(['well hello there']);
    expect(await found(alice, { q: 'HELLO THERE', conversationId: chat })).toEqual(['well hello there']);
    expect(await found(alice, { q: 'привет', conversationId: chat })).toEqual(['ПРИВЕТ, Élodie']);
    expect(await found(alice, { q: 'éLODIE', conversationId: chat })).toEqual(['ПРИВЕТ, Élodie']);
    expect(await found(alice, { q: 'éL', conversationId: chat })).toEqual(['ПРИВЕТ, Élodie']);
  });

  it('answers one- and two-character queries', async () => {
    const { alice, bob, chat } = await chatting();
    await send(bob, chat, '好的');
    await send(bob, chat, 'ok then');
    await send(bob, chat, '我在东京');
    expect(await found(alice, { q: '好', conversationId: chat })).toEqual(['好的']);
    expect(await found(alice, { q: 'K', conversationId: chat })).toEqual(['ok then']);
    expect(await found(alice, { q: 'ok', conversationId: chat })).toEqual(['ok then']);
    expect(await found(alice, { q: '东', conversationId: chat })).toEqual(['我在东京']);
  });

  it('treats % and _ in a query as themselves, never as wildcards', async () => {
    const { alice, bob, chat } = await chatting();
    for (const text of ['100% sure', '1000 sure', 'snake_case', 'snakeXcase', 'a\\b', 'say "hi" now'])
      await send(bob, chat, text);
    const within = { conversationId: chat };
    expect(await found(alice, { q: '%', ...within })).toEqual(['100% sure']);
    expect(await found(alice, { q: '0%', ...within })).toEqual(['100% sure']);
    expect(await found(alice, { q: '00% s', ...within })).toEqual(['100% sure']);
    expect(await found(alice, { q: '_', ...within })).toEqual(['snake_case']);
    expect(await found(alice, { q: 'e_c', ...within })).toEqual(['snake_case']);
    expect(await found(alice, { q: '\\', ...within })).toEqual(['a\\b']);
    expect(await found(alice, { q: 'a\\b', ...within })).toEqual(['a\\b']);
    // FTS5 syntax is quoted away: a double quote is just a character.
    expect(await found(alice, { q: '"hi"', ...within })).toEqual(['say "hi" now']);
    expect(await found(alice, { q: 'hi" OR "sure', ...within })).toEqual([]);
  });

  it('never finds messages of a conversation the caller is not in, and answers its id as not found', async () => {
    const [alice, carol, dave] = await people(server(), 'alice', 'carol', 'dave');
    const [theirs] = await befriend(server(), carol, dave);
    const secret = `秘密计划 ${randomUUID()}`;
    await send(carol, theirs.conversationId, secret);
    expect(await found(alice, { q: secret })).toEqual([]);
    expect(await found(alice, { q: '秘密' })).not.toContain(secret);
    expect(await found(dave, { q: secret })).toEqual([secret]);
    expectError(await search(alice, { q: '秘密', conversationId: theirs.conversationId }), 404, 'not_found');
    expectError(await search(alice, { q: '秘密计划', conversationId: 'no-such-thing' }), 404, 'not_found');
  });

  it('stops finding a group’s messages once the caller has left it', async () => {
    const { alice, bob } = await chatting();
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id] });
    const text = `group plans ${randomUUID()}`;
    await send(alice, group.id, text);
    expect(await found(bob, { q: text })).toEqual([text]);
    const left = await api(server(), 'POST', `/groups/${group.id}/leave`, { token: bob.token });
    expect(left.status, left.text).toBeLessThan(300);
    expect(await found(bob, { q: text })).toEqual([]);
    expect(await found(bob, { q: 'gr' })).not.toContain(text);
    expectError(await search(bob, { q: 'group', conversationId: group.id }), 404, 'not_found');
  });

  it('does not find system notices, even one whose stored text holds the words', async () => {
    const { alice, bob } = await chatting();
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id] });
    // Notices carry their facts in `data` and an empty body; this one is written with a body
    // on purpose, to show that search looks at text messages only.
    await appendMessage(server().parley.services.store.db, {
      id: newId(),
      conversation_id: group.id,
      sender_id: null,
      kind: 'system',
      body: 'notice about homework',
      data: JSON.stringify({ type: 'group.created', actorId: alice.user.id, userIds: [] }),
      client_msg_id: null,
      created_at: now(),
      reply_to_id: null,
      edited_at: null,
      recalled_at: null,
      recalled_by: null,
    });
    await send(alice, group.id, 'homework is due friday');
    const within = { conversationId: group.id };
    expect(await found(bob, { q: 'homework', ...within })).toEqual(['homework is due friday']);
    expect(await found(bob, { q: 'no', ...within })).toEqual([]);
    expect(await found(bob, { q: 'notice', ...within })).toEqual([]);
  });

  it('does not find a recalled message', async () => {
    const { alice, bob, chat } = await chatting();
    const id = await send(bob, chat, '我的密码是 hunter2');
    await send(bob, chat, '不好意思，发错了');
    expect(await found(alice, { q: 'hunter2', conversationId: chat })).toEqual(['我的密码是 hunter2']);
    // Recalling is another engineer's route (step 3, message operations), so the test does to
    // the row what a recall does: the body goes, recalled_at is set.
    await server()
      .parley.services.store.db.updateTable('messages')
      .set({ body: '', recalled_at: now(), recalled_by: bob.user.id })
      .where('id', '=', id)
      .execute();
    expect(await found(alice, { q: 'hunter2', conversationId: chat })).toEqual([]);
    expect(await found(alice, { q: '密码', conversationId: chat })).toEqual([]);
    expect(await found(alice, { q: '不好意思', conversationId: chat })).toEqual(['不好意思，发错了']);
  });

  it('refuses an empty, blank or too long query, a cursor it did not give out, and unknown fields', async () => {
    const { alice } = await chatting();
    expectError(await search(alice, { q: '' }), 400, 'invalid_request', 'q');
    expectError(await search(alice, { q: '   ' }), 400, 'invalid_request', 'q');
    expectError(
      await search(alice, { q: 'x'.repeat(limits.searchQueryMax + 1) }),
      400,
      'invalid_request',
      'q',
    );
    expectError(
      await api(server(), 'GET', '/search/messages', { token: alice.token }),
      400,
      'invalid_request',
    );
    for (const cursor of [
      'garbage!',
      'bm90IGpzb24',
      Buffer.from('["yesterday","x"]').toString('base64url'),
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('["2026-11-22T09:30:00.000Z","bad id!"]').toString('base64url'),
    ]) {
      expectError(await search(alice, { q: 'hello', cursor }), 400, 'invalid_request', 'cursor');
    }
    expectError(await search(alice, { q: 'hello', limit: 0 }), 400, 'invalid_request', 'limit');
    expectError(await search(alice, { q: 'hello', sort: 'oldest' }), 400, 'invalid_request');
    expectError(await search(alice, { q: 'hello', conversationId: 'not an id' }), 400, 'invalid_request');
    expectError(await api(server(), 'GET', '/search/messages?q=hello'), 401, 'unauthenticated');
  });
});
