import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { snippetFor } from '../../src/actions/search/snippet.ts';
import { type SearchKey, searchWindow } from '../../src/store/search.ts';
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
    ['by the bounded scan of a short query', '针'],
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

  it('scans a bounded window per request for short queries, and the cursor carries on from its end', async () => {
    const { alice, bob, chat } = await chatting();
    const hits: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const id = await send(bob, chat, i % 4 === 0 ? `第${i}条：你好` : `第${i}条`);
      if (i % 4 === 0) hits.push(id);
    }
    const db = server().parley.services.store.db;
    const scope = { userId: alice.user.id, conversationId: chat };
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let after: SearchKey | undefined;
    for (let requests = 0; requests < 20; requests += 1) {
      const scan = await searchWindow(db, scope, '你好', after, 10, 3);
      seen.push(...scan.rows.map((r) => r.id));
      pageSizes.push(scan.rows.length);
      if (!scan.windowEnd) break;
      after = scan.windowEnd;
    }
    // 12 messages, newest first, 3 looked at per request; the fourth window is the last.
    expect(pageSizes).toEqual([0, 1, 1, 1]);
    expect(seen).toEqual([...hits].reverse());
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
