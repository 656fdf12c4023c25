import { limits } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { register, uniqueUsername } from '../support/factories.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';

/** A lower-case token no other user on the server has in their name. */
function marker(): string {
  return `m${Math.random().toString(36).slice(2, 8)}`;
}

/** A few CJK ideographs chosen at random, so a Chinese search matches only this test's users. */
function randomHanzi(n: number): string {
  return Array.from({ length: n }, () =>
    String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 0x5000)),
  ).join('');
}

async function search(server: TestServer, token: string, params: Record<string, string | number>) {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  return api(server, 'GET', `/users?${query}`, { token });
}

function usernamesOf(res: { body: { users: { username: string }[] } }): string[] {
  return res.body.users.map((u) => u.username);
}

describe.each(dialects)('finding users on %s', (dialect) => {
  const server = useServer(dialect);

  describe('looking one up', () => {
    it('finds a user by id and shows only their public profile', async () => {
      const alice = await register(server(), 'alice');
      const bob = await register(server(), 'bob', { displayName: 'Bob B.' });
      const res = await api(server(), 'GET', `/users/${bob.user.id}`, { token: alice.token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: bob.user.id,
        username: bob.username,
        displayName: 'Bob B.',
        bio: '',
        avatar: null,
        avatarSmall: null,
        role: bob.user.role,
        createdAt: bob.user.createdAt,
      });
    });

    it('finds a user by username, whatever its case', async () => {
      const alice = await register(server(), 'alice');
      const bob = await register(server(), 'bob');
      for (const name of [bob.username, bob.username.toUpperCase()]) {
        const res = await api(server(), 'GET', `/users/by-username/${name}`, { token: alice.token });
        expect(res.status).toBe(200);
        expect(res.body.id).toBe(bob.user.id);
      }
    });

    it('answers 404 not_found for an unknown id or username', async () => {
      const alice = await register(server(), 'alice');
      expectError(
        await api(server(), 'GET', '/users/00000000-0000-7000-8000-000000000000', { token: alice.token }),
        404,
        'not_found',
      );
      expectError(
        await api(server(), 'GET', `/users/by-username/${uniqueUsername('nobody')}`, { token: alice.token }),
        404,
        'not_found',
      );
    });

    it('asks who is asking: without a token the answer is 401 unauthenticated', async () => {
      const bob = await register(server(), 'bob');
      expectError(await api(server(), 'GET', `/users/${bob.user.id}`), 401, 'unauthenticated');
      expectError(await api(server(), 'GET', `/users?q=${bob.username}`), 401, 'unauthenticated');
    });
  });

  describe('searching', () => {
    it('finds users by a part of their username or display name, ignoring case', async () => {
      const m = marker();
      const alice = await register(server(), 'alice', { exactUsername: `${m}_alice` });
      const bob = await register(server(), 'bob', { displayName: `Bob ${m.toUpperCase()} Builder` });
      await register(server(), 'carol', { displayName: 'Carol' });

      const res = await search(server(), alice.token, { q: m });
      expect(res.status).toBe(200);
      expect(usernamesOf(res).sort()).toEqual([alice.username, bob.username].sort());
      expect(res.body.nextCursor).toBeNull();

      const upper = await search(server(), alice.token, { q: `${m.toUpperCase()}_ALI` });
      expect(usernamesOf(upper)).toEqual([alice.username]);
      const byDisplay = await search(server(), alice.token, { q: `${m} builder` });
      expect(usernamesOf(byDisplay)).toEqual([bob.username]);
    });

    it('finds a Chinese display name by a substring of it', async () => {
      const middle = randomHanzi(2);
      const alice = await register(server(), 'alice');
      const bob = await register(server(), 'bob', { displayName: `张${middle}明` });
      const carol = await register(server(), 'carol', { displayName: `${middle}` });
      await register(server(), 'dave', { displayName: `张${middle.slice(0, 1)}明` });

      const res = await search(server(), alice.token, { q: middle });
      expect(usernamesOf(res).sort()).toEqual([bob.username, carol.username].sort());
      const whole = await search(server(), alice.token, { q: `张${middle}明` });
      expect(usernamesOf(whole)).toEqual([bob.username]);
    });

    it('treats % in the query as a literal percent sign, not a wildcard', async () => {
      const m = marker();
      const alice = await register(server(), 'alice');
      const percent = await register(server(), 'bob', { displayName: `${m} 100% sure` });
      await register(server(), 'carol', { displayName: `${m} 1000 sure` });
      await register(server(), 'dave', { displayName: `${m} 10 sure` });

      const res = await search(server(), alice.token, { q: `${m} 100%` });
      expect(usernamesOf(res)).toEqual([percent.username]);
      const only = await search(server(), alice.token, { q: `${m} 1%0` });
      expect(usernamesOf(only)).toEqual([]);
    });

    it('treats _ in the query as a literal underscore, not a wildcard', async () => {
      const m = marker();
      const alice = await register(server(), 'alice');
      const underscore = await register(server(), 'bob', { exactUsername: `${m}a_b` });
      await register(server(), 'carol', { exactUsername: `${m}axb` });
      await register(server(), 'dave', { displayName: `${m}a-b` });

      const res = await search(server(), alice.token, { q: `${m}a_b` });
      expect(usernamesOf(res)).toEqual([underscore.username]);
    });

    it('treats a backslash in the query as a literal backslash', async () => {
      const m = marker();
      const alice = await register(server(), 'alice');
      const slash = await register(server(), 'bob', { displayName: `${m} a\\b` });
      await register(server(), 'carol', { displayName: `${m} ab` });

      expect(usernamesOf(await search(server(), alice.token, { q: `${m} a\\b` }))).toEqual([slash.username]);
      expect(usernamesOf(await search(server(), alice.token, { q: `${m} a\\` }))).toEqual([slash.username]);
    });

    it('ignores case in accented and non-Latin names as well', async () => {
      const m = marker();
      const alice = await register(server(), 'alice');
      const emile = await register(server(), 'emile', { displayName: `Émile ${m}` });
      const sofia = await register(server(), 'sofia', { displayName: `Σοφία ${m}` });

      expect(usernamesOf(await search(server(), alice.token, { q: `Émile ${m}` }))).toEqual([emile.username]);
      expect(usernamesOf(await search(server(), alice.token, { q: `émile ${m}` }))).toEqual([emile.username]);
      expect(usernamesOf(await search(server(), alice.token, { q: `ΣΟΦΊΑ ${m}` }))).toEqual([sofia.username]);
    });

    it('pages through the matches with nextCursor, visiting each exactly once, in username order', async () => {
      const m = marker();
      const alice = await register(server(), 'alice');
      const expected: string[] = [];
      for (const name of ['gina', 'hank', 'ivan', 'judy', 'kate', 'liam', 'mona']) {
        expected.push((await register(server(), name, { displayName: `${name} ${m}` })).username);
      }
      expected.sort();

      const seen: string[] = [];
      const pageSizes: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await search(server(), alice.token, { q: m, limit: 3, ...(cursor && { cursor }) });
        expect(res.status).toBe(200);
        seen.push(...usernamesOf(res));
        pageSizes.push(res.body.users.length);
        cursor = res.body.nextCursor;
        expect(pageSizes.length).toBeLessThan(10);
      } while (cursor);
      expect(pageSizes).toEqual([3, 3, 1]);
      expect(seen).toEqual(expected);

      const exact = await search(server(), alice.token, { q: m, limit: 7 });
      expect(usernamesOf(exact)).toEqual(expected);
      expect(exact.body.nextCursor).toBeNull();
    });

    it('uses the default page size when no limit is given and refuses one over the maximum', async () => {
      const alice = await register(server(), 'alice');
      const tooMany = await search(server(), alice.token, { q: 'a', limit: limits.pageSizeMax + 1 });
      expectError(tooMany, 400, 'invalid_request', 'limit');
      const zero = await search(server(), alice.token, { q: 'a', limit: 0 });
      expectError(zero, 400, 'invalid_request', 'limit');
      const words = await search(server(), alice.token, { q: 'a', limit: 'ten' });
      expectError(words, 400, 'invalid_request', 'limit');
      const dflt = await search(server(), alice.token, { q: 'a' });
      expect(dflt.status).toBe(200);
      expect(dflt.body.users.length).toBeLessThanOrEqual(limits.pageSizeDefault);
    });

    it('refuses a missing, blank or over-long query and a cursor it did not give out, naming the field', async () => {
      const alice = await register(server(), 'alice');
      expectError(await api(server(), 'GET', '/users', { token: alice.token }), 400, 'invalid_request', 'q');
      expectError(await search(server(), alice.token, { q: '   ' }), 400, 'invalid_request', 'q');
      expectError(
        await search(server(), alice.token, { q: 'x'.repeat(limits.searchQueryMax + 1) }),
        400,
        'invalid_request',
        'q',
      );
      expectError(
        await search(server(), alice.token, { q: 'a', cursor: '!!!' }),
        400,
        'invalid_request',
        'cursor',
      );
      expectError(await search(server(), alice.token, { q: 'a', page: 2 }), 400, 'invalid_request', 'page');
    });
  });
});
