import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { snippetFor } from '../../src/actions/search/snippet.ts';
import { newId } from '../../src/ids.ts';
import { befriend, type Person, people } from '../support/factories.ts';
import { api } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';

interface Result {
  message: { id: string; text: string; createdAt: string };
  snippet: { text: string; highlights: [number, number][] };
}

/** Each highlight, cut out of its snippet. */
function highlighted({ snippet }: Result): string[] {
  return snippet.highlights.map(([start, end]) => snippet.text.slice(start, end));
}

const loneSurrogate = /\p{Cs}/u;

describe.each(dialects)('message search paging and snippets on %s', (dialect) => {
  const server = useServer(dialect);

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

  async function search(person: Person, params: Record<string, string | number>): Promise<Result[]> {
    const res = await api(server(), 'GET', `/search/messages?${new URLSearchParams(stringify(params))}`, {
      token: person.token,
    });
    expect(res.status, res.text).toBe(200);
    return res.body.results;
  }

  /** Every page of a search, following nextCursor to the end. */
  async function allPages(person: Person, params: Record<string, string | number>) {
    const pages: Result[][] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = { ...params, ...(cursor !== null && { cursor }) };
      const res = await api(server(), 'GET', `/search/messages?${new URLSearchParams(stringify(query))}`, {
        token: person.token,
      });
      expect(res.status, res.text).toBe(200);
      pages.push(res.body.results);
      cursor = res.body.nextCursor;
    } while (cursor !== null && pages.length < 50);
    return pages;
  }

  it.each([
    ['through the index', 'needle'],
    ['for a one-character query', '针'],
  ])('visits each match once, newest first, when paging %s', async (_how, q) => {
    const { alice, bob, chat } = await chatting();
    const sent: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      sent.push(await send(i % 2 ? alice : bob, chat, `${i} needle 针 ${i}`));
      await send(bob, chat, `filler ${i}`);
    }
    const pages = await allPages(alice, { q, conversationId: chat, limit: 3 });
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    const ids = pages.flat().map((r) => r.message.id);
    expect(ids).toEqual([...sent].reverse());
    const times = pages.flat().map((r) => r.message.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('pages across all of the caller’s conversations without a conversationId', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [withBob, withCarol] = await befriend(server(), alice, bob, carol);
    const word = `zebra${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 3; i += 1) {
      await send(bob, withBob.conversationId, `${word} from bob ${i}`);
      await send(carol, withCarol.conversationId, `${word} from carol ${i}`);
    }
    const pages = await allPages(alice, { q: word, limit: 4 });
    expect(pages.map((p) => p.length)).toEqual([4, 2]);
    const texts = pages.flat().map((r) => r.message.text);
    expect(new Set(texts).size).toBe(6);
    expect(texts[0]).toBe(`${word} from carol 2`);
  });

  /**
   * `count` older messages from `sender` at the start of the chat, written straight to the
   * store as an import would (thousands through the API would take minutes): numbers, and the
   * texts of `hits` at the indexes they are keyed by.
   */
  async function history(chat: string, sender: Person, count: number, hits: Map<number, string>) {
    const db = server().parley.services.store.db;
    const { last_seq: last } = await db
      .selectFrom('conversations')
      .select('last_seq')
      .where('id', '=', chat)
      .executeTakeFirstOrThrow();
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    for (let from = 0; from < count; from += 1000) {
      const rows = [];
      for (let i = from; i < Math.min(count, from + 1000); i += 1) {
        rows.push({
          id: newId(),
          conversation_id: chat,
          seq: last + i + 1,
          sender_id: sender.user.id,
          kind: 'text' as const,
          body: hits.get(i) ?? `第${i}条 message number ${i}`,
          data: null,
          client_msg_id: null,
          created_at: new Date(start + i * 1000).toISOString(),
          reply_to_id: null,
          edited_at: null,
          recalled_at: null,
          recalled_by: null,
        });
      }
      await db.insertInto('messages').values(rows).execute();
    }
    await db
      .updateTable('conversations')
      .set({ last_seq: last + count })
      .where('id', '=', chat)
      .execute();
  }

  it('answers a short query’s few matches among thousands of messages in one full page', async () => {
    const { alice, bob, chat } = await chatting();
    // Far apart: the old scan looked at 5,000 messages a request and came back empty between.
    const hits = new Map([
      [10, '你好 from the start'],
      [3000, 'middle: 你好'],
      [7990, '你好你好 near the end'],
    ]);
    await history(chat, bob, 8000, hits);
    const newest = await send(bob, chat, '最后你好');
    const pages = await allPages(alice, { q: '你好', conversationId: chat, limit: 20 });
    expect(pages.map((p) => p.map((r) => r.message.text))).toEqual([
      ['最后你好', '你好你好 near the end', 'middle: 你好', '你好 from the start'],
    ]);
    expect(pages[0]![0]!.message.id).toBe(newest);
    // One character, with a page smaller than the matches: every page full until the last.
    const ones = await allPages(alice, { q: '好', conversationId: chat, limit: 3 });
    expect(ones.map((p) => p.length)).toEqual([3, 1]);
  });

  it('finds an edited message by its new text only, and a message sent just before the search', async () => {
    const { alice, bob, chat } = await chatting();
    const id = await send(bob, chat, 'meet at the 东门 gate');
    const edited = await api(server(), 'PATCH', `/messages/${id}`, {
      token: bob.token,
      json: { text: 'meet at the 西门 gate' },
    });
    expect(edited.status, edited.text).toBe(200);
    for (const q of ['东门', 'the 东门 gate'])
      expect(await allPages(alice, { q, conversationId: chat })).toEqual([[]]);
    for (const q of ['西门', 'the 西门 gate']) {
      const [page] = await allPages(alice, { q, conversationId: chat });
      expect(page!.map((r) => r.message.id)).toEqual([id]);
    }
    await send(alice, chat, 'brand new 北门');
    const [page] = await allPages(bob, { q: '北门', conversationId: chat });
    expect(page!.map((r) => r.message.text)).toEqual(['brand new 北门']);
  });

  it('highlights the match in a snippet of the text around it, never cutting a surrogate pair', async () => {
    const { alice, bob, chat } = await chatting();
    const body = `${'😀'.repeat(30)}大家你好啊${'𠀀'.repeat(30)} and then some more words to make it long`;
    await send(bob, chat, body);
    const [result] = await search(alice, { q: '你好', conversationId: chat });
    expect(highlighted(result!)).toEqual(['你好']);
    expect(result!.snippet.text).not.toMatch(loneSurrogate);
    // 20 characters either side of 你好: 18 emoji and 大家 before it, 啊 and 19 more after.
    expect(result!.snippet.text).toBe(`…${'😀'.repeat(18)}大家你好啊${'𠀀'.repeat(19)}…`);
    expect(result!.message.text).toBe(body);
  });

  it('highlights every occurrence, in any letter case, right after an emoji or astral character', async () => {
    const { alice, bob, chat } = await chatting();
    await send(bob, chat, '🎉Hello! hello 𝒳HELLO');
    const [result] = await search(alice, { q: 'hello', conversationId: chat });
    expect(result!.snippet.text).toBe('🎉Hello! hello 𝒳HELLO');
    expect(result!.snippet.highlights).toEqual([
      [2, 7],
      [9, 14],
      [17, 22],
    ]);
    expect(highlighted(result!)).toEqual(['Hello', 'hello', 'HELLO']);
  });

  it('shows a multi-line message as one line with the same offsets', async () => {
    const { alice, bob, chat } = await chatting();
    await send(bob, chat, 'see you\nin 东京\nbye');
    const [result] = await search(alice, { q: '东京', conversationId: chat });
    expect(result!.snippet.text).toBe('see you in 东京 bye');
    expect(highlighted(result!)).toEqual(['东京']);
  });
});

describe('search snippets', () => {
  it('never splits an emoji sequence or a letter from its accent at the edge', () => {
    const family = '👨‍👩‍👧‍👦';
    const { text, highlights } = snippetFor(`${family.repeat(25)}match${'e\u0301'.repeat(25)}`, 'match');
    expect(text).toBe(`…${family.repeat(20)}match${'e\u0301'.repeat(20)}…`);
    expect(highlights.map(([s, e]) => text.slice(s, e))).toEqual(['match']);
  });

  it('maps matches back through letters whose lower case is longer', () => {
    const body = 'İstanbul İSTANBUL';
    const { text, highlights } = snippetFor(body, 'stan');
    expect(text).toBe(body);
    expect(highlights.map(([s, e]) => text.slice(s, e))).toEqual(['stan', 'STAN']);
  });

  it('falls back to the start of the text when the match cannot be placed', () => {
    const { text, highlights } = snippetFor('x'.repeat(100), 'nothing');
    expect(text).toBe(`${'x'.repeat(20)}…`);
    expect(highlights).toEqual([]);
  });
});

function stringify(params: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
}
