import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.ts';
import { type Store, openStore } from '../../src/store/connect.ts';
import { isUniqueViolation } from '../../src/store/errors.ts';
import { consumeInvite, insertInvite } from '../../src/store/invites.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import {
  deleteOtherSessions,
  deleteSessionOfUser,
  insertSession,
  sessionByMediaTokenHash,
  sessionByTokenHash,
  sessionsOfUser,
  setMediaTokenHash,
  touchSession,
} from '../../src/store/sessions.ts';
import type { InviteRow, SessionRow, UserRow } from '../../src/store/tables.ts';
import {
  anyUserExists,
  insertUser,
  lockRegistrations,
  searchUsers,
  updateUser,
  userById,
  userByUsername,
} from '../../src/store/users.ts';
import { createTestDatabase } from '../../src/testing.ts';
import { uniqueUsername } from '../support/factories.ts';
import { dialects } from '../support/server.ts';

const t0 = '2026-11-22T01:30:00.000Z';

/** An ISO time `minutes` after t0. */
function at(minutes: number): string {
  return new Date(Date.parse(t0) + minutes * 60_000).toISOString();
}

function aUser(name: string, fields: Partial<UserRow> = {}): UserRow {
  return {
    id: newId(),
    username: uniqueUsername(name),
    display_name: name[0]!.toUpperCase() + name.slice(1),
    password_hash: 'scrypt$12$8$1$salt$hash',
    bio: '',
    avatar: null,
    avatar_small: null,
    role: 'member',
    created_at: t0,
    updated_at: t0,
    last_seen_at: null,
    read_receipts: 1,
    push_preview: 1,
    presence_visible_to: 'everyone',
    deleted_at: null,
    disabled_at: null,
    password_reset_at: null,
    ...fields,
  };
}

function aSession(user: UserRow, fields: Partial<SessionRow> = {}): SessionRow {
  return {
    id: newId(),
    user_id: user.id,
    token_hash: `hash-${newId()}`,
    media_token_hash: null,
    device_name: 'Laptop',
    ip: '127.0.0.1',
    user_agent: null,
    created_at: t0,
    last_seen_at: t0,
    ...fields,
  };
}

function anInvite(creator: UserRow, fields: Partial<InviteRow> = {}): InviteRow {
  return {
    id: newId(),
    code_hash: `code-${newId()}`,
    created_by: creator.id,
    created_at: t0,
    expires_at: at(60),
    used_by: null,
    used_at: null,
    ...fields,
  };
}

/** The error `work` rejects with; fails when it resolves. */
async function errorOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (err) {
    return err;
  }
  throw new Error('expected the query to fail');
}

describe.each(dialects)('the store on %s', (dialect) => {
  let store: Store;
  let firstMigration: string[];
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(path.join(tmpdir(), 'parley-store-'));
      store = openStore(`sqlite:${path.join(dir, 'parley.db')}`);
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const database = await createTestDatabase();
      store = openStore(database.url);
      cleanup = database.drop;
    }
    firstMigration = await migrateToLatest(store.db);
  });
  afterAll(async () => {
    await store?.close();
    await cleanup?.();
  });

  describe('migrations', () => {
    it('apply every migration on a fresh database', () => {
      expect(firstMigration.length).toBeGreaterThan(0);
      expect(firstMigration).toContain('20261122T0130_accounts');
    });

    it('are idempotent: running them again changes nothing', async () => {
      expect(await migrateToLatest(store.db)).toEqual([]);
      expect(await migrateToLatest(store.db)).toEqual([]);
    });
  });

  describe('users', () => {
    it('inserts a user and finds the same row by id and by username', async () => {
      const alice = aUser('alice', { display_name: '爱丽丝 🌸', bio: 'two\nlines' });
      await insertUser(store.db, alice);
      expect(await userById(store.db, alice.id)).toEqual(alice);
      expect(await userByUsername(store.db, alice.username)).toEqual(alice);
      expect(await anyUserExists(store.db)).toBe(true);
    });

    it('finds nothing for an unknown id or username', async () => {
      expect(await userById(store.db, newId())).toBeUndefined();
      expect(await userByUsername(store.db, uniqueUsername('nobody'))).toBeUndefined();
    });

    it('reports a duplicate username as a unique violation', async () => {
      const alice = aUser('alice');
      await insertUser(store.db, alice);
      const err = await errorOf(insertUser(store.db, aUser('alice', { username: alice.username })));
      expect(isUniqueViolation(err)).toBe(true);
    });

    it('reports a duplicate id as a unique violation', async () => {
      const alice = aUser('alice');
      await insertUser(store.db, alice);
      const err = await errorOf(insertUser(store.db, aUser('bob', { id: alice.id })));
      expect(isUniqueViolation(err)).toBe(true);
    });

    it('does not mistake other failures for a unique violation', async () => {
      const ghost = aUser('ghost');
      const err = await errorOf(insertSession(store.db, aSession(ghost)));
      expect(isUniqueViolation(err)).toBe(false);
      expect(isUniqueViolation(new Error('boom'))).toBe(false);
      expect(isUniqueViolation(null)).toBe(false);
    });

    it('updates only the given fields', async () => {
      const alice = aUser('alice');
      await insertUser(store.db, alice);
      await updateUser(store.db, alice.id, { display_name: 'Alice 🌷', updated_at: at(5) });
      expect(await userById(store.db, alice.id)).toEqual({
        ...alice,
        display_name: 'Alice 🌷',
        updated_at: at(5),
      });
    });

    it('takes the registration lock inside a transaction', async () => {
      await store.db.transaction().execute(async (tx) => {
        await lockRegistrations(tx, store.dialect);
        expect(await anyUserExists(tx)).toBe(true);
      });
    });
  });

  describe('sessions', () => {
    it('finds a session and its user by token hash', async () => {
      const alice = aUser('alice');
      await insertUser(store.db, alice);
      const session = aSession(alice, { user_agent: 'Mozilla/5.0', device_name: 'Firefox on Linux' });
      await insertSession(store.db, session);
      expect(await sessionByTokenHash(store.db, session.token_hash)).toEqual({ session, user: alice });
      expect(await sessionByTokenHash(store.db, 'no-such-hash')).toBeUndefined();
    });

    it('refuses two sessions with one token hash as a unique violation', async () => {
      const alice = aUser('alice');
      await insertUser(store.db, alice);
      const session = aSession(alice);
      await insertSession(store.db, session);
      const err = await errorOf(insertSession(store.db, aSession(alice, { token_hash: session.token_hash })));
      expect(isUniqueViolation(err)).toBe(true);
    });

    it('finds a session by its media credential hash only in that column, never by the token hash', async () => {
      const alice = aUser('alice');
      await insertUser(store.db, alice);
      // Sessions opened before media credentials existed have none; many may share the NULL.
      const [older, newer] = [aSession(alice), aSession(alice)];
      await insertSession(store.db, older!);
      await insertSession(store.db, newer!);
      expect(await sessionByMediaTokenHash(store.db, older!.token_hash)).toBeUndefined();

      await setMediaTokenHash(store.db, older!.id, 'media-hash-of-older');
      const found = await sessionByMediaTokenHash(store.db, 'media-hash-of-older');
      expect(found).toEqual({ session: { ...older, media_token_hash: 'media-hash-of-older' }, user: alice });
      expect(await sessionByTokenHash(store.db, 'media-hash-of-older')).toBeUndefined();
      const err = await errorOf(setMediaTokenHash(store.db, newer!.id, 'media-hash-of-older'));
      expect(isUniqueViolation(err)).toBe(true);

      expect(await deleteSessionOfUser(store.db, alice.id, older!.id)).toBe(true);
      expect(await sessionByMediaTokenHash(store.db, 'media-hash-of-older')).toBeUndefined();
    });

    it("lists a user's sessions, most recently seen first, and touches one", async () => {
      const alice = aUser('alice');
      await insertUser(store.db, alice);
      const old = aSession(alice, { last_seen_at: at(1) });
      const recent = aSession(alice, { last_seen_at: at(2) });
      await insertSession(store.db, old);
      await insertSession(store.db, recent);
      expect((await sessionsOfUser(store.db, alice.id)).map((s) => s.id)).toEqual([recent.id, old.id]);
      await touchSession(store.db, old.id, at(3));
      const listed = await sessionsOfUser(store.db, alice.id);
      expect(listed.map((s) => s.id)).toEqual([old.id, recent.id]);
      expect(listed[0]).toEqual({ ...old, last_seen_at: at(3) });
    });

    it("deletes one of a user's sessions, but not another user's", async () => {
      const alice = aUser('alice');
      const bob = aUser('bob');
      await insertUser(store.db, alice);
      await insertUser(store.db, bob);
      const aliceSession = aSession(alice);
      const bobSession = aSession(bob);
      await insertSession(store.db, aliceSession);
      await insertSession(store.db, bobSession);
      expect(await deleteSessionOfUser(store.db, alice.id, bobSession.id)).toBe(false);
      expect(await sessionByTokenHash(store.db, bobSession.token_hash)).toBeDefined();
      expect(await deleteSessionOfUser(store.db, alice.id, aliceSession.id)).toBe(true);
      expect(await sessionByTokenHash(store.db, aliceSession.token_hash)).toBeUndefined();
      expect(await deleteSessionOfUser(store.db, alice.id, aliceSession.id)).toBe(false);
    });

    it('deletes all other sessions of a user and returns their ids', async () => {
      const alice = aUser('alice');
      const bob = aUser('bob');
      await insertUser(store.db, alice);
      await insertUser(store.db, bob);
      const [keep, second, third] = [aSession(alice), aSession(alice), aSession(alice)];
      const bobSession = aSession(bob);
      for (const s of [keep!, second!, third!, bobSession]) await insertSession(store.db, s);

      const deleted = await deleteOtherSessions(store.db, alice.id, keep!.id);
      expect([...deleted].sort()).toEqual([second!.id, third!.id].sort());
      expect((await sessionsOfUser(store.db, alice.id)).map((s) => s.id)).toEqual([keep!.id]);
      expect((await sessionsOfUser(store.db, bob.id)).map((s) => s.id)).toEqual([bobSession.id]);
      expect(await deleteOtherSessions(store.db, alice.id, keep!.id)).toEqual([]);
    });
  });

  describe('invites', () => {
    it('consumes an invite exactly once', async () => {
      const admin = aUser('alice', { role: 'admin' });
      const bob = aUser('bob');
      const carol = aUser('carol');
      for (const u of [admin, bob, carol]) await insertUser(store.db, u);
      const invite = anInvite(admin);
      await insertInvite(store.db, invite);
      expect(await consumeInvite(store.db, invite.code_hash, bob.id, at(10))).toBe(true);
      expect(await consumeInvite(store.db, invite.code_hash, carol.id, at(11))).toBe(false);
    });

    it('does not consume an expired or unknown invite', async () => {
      const admin = aUser('alice', { role: 'admin' });
      const bob = aUser('bob');
      for (const u of [admin, bob]) await insertUser(store.db, u);
      const invite = anInvite(admin, { expires_at: at(60) });
      await insertInvite(store.db, invite);
      expect(await consumeInvite(store.db, invite.code_hash, bob.id, at(60))).toBe(false);
      expect(await consumeInvite(store.db, invite.code_hash, bob.id, at(61))).toBe(false);
      expect(await consumeInvite(store.db, 'no-such-code', bob.id, at(1))).toBe(false);
      expect(await consumeInvite(store.db, invite.code_hash, bob.id, at(59))).toBe(true);
    });
  });

  describe('searching users', () => {
    /** Inserts users whose display names are given, all carrying a fresh marker, and returns the marker. */
    async function people(
      names: Record<string, string>,
    ): Promise<{ m: string; ids: Record<string, string> }> {
      const m = `m${Math.random().toString(36).slice(2, 8)}`;
      const ids: Record<string, string> = {};
      for (const [name, displayName] of Object.entries(names)) {
        const user = aUser(name, { username: `${m}${name}`, display_name: displayName.replace('{m}', m) });
        await insertUser(store.db, user);
        ids[name] = user.username;
      }
      return { m, ids };
    }

    const found = async (text: string, limit = 50, after?: string) =>
      (await searchUsers(store.db, text, limit, after)).map((u) => u.username);

    it('matches a part of the username or the display name, ignoring ASCII case', async () => {
      const { m, ids } = await people({ alice: 'Alice', bob: 'Bob {m} BUILDER', carol: 'Carol' });
      expect(await found(m)).toEqual([ids.alice, ids.bob, ids.carol]);
      expect(await found(`${m}ALI`)).toEqual([ids.alice]);
      expect(await found(`${m} builder`.toUpperCase())).toEqual([ids.bob]);
    });

    it('matches a Chinese substring', async () => {
      const { m, ids } = await people({ wang: '王小明{m}', li: '李小红{m}' });
      expect(await found(`小明${m}`)).toEqual([ids.wang]);
      expect(await found(`小`)).toEqual(expect.arrayContaining([ids.wang, ids.li]));
    });

    it('treats %, _ and \\ in the text literally', async () => {
      const { m, ids } = await people({
        percent: '{m} 100% sure',
        thousand: '{m} 1000 sure',
        under: '{m} a_b',
        axb: '{m} axb',
        slash: '{m} a\\b',
      });
      expect(await found(`${m} 100%`)).toEqual([ids.percent]);
      expect(await found(`${m} 1%0`)).toEqual([]);
      expect(await found(`${m} a_b`)).toEqual([ids.under]);
      expect(await found(`${m} a\\b`)).toEqual([ids.slash]);
      expect(await found('0% sure')).toEqual([ids.percent]);
      expect(await found(`${m} _`)).toEqual([]);
    });

    it('ignores case in accented and non-Latin letters too', async () => {
      const { m, ids } = await people({ emile: 'Émile {m}', sofia: 'Σοφία {m}' });
      expect(await found(`émile ${m}`)).toEqual([ids.emile]);
      expect(await found(`ÉMILE ${m}`)).toEqual([ids.emile]);
      expect(await found(`σοφία ${m}`)).toEqual([ids.sofia]);
    });

    it('pages by username after a cursor, visiting every match once', async () => {
      const names = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => [n, `{m} page`]));
      const { m, ids } = await people(names);
      const all = Object.values(ids).sort();
      expect(await found(m, 3)).toEqual(all.slice(0, 3));
      expect(await found(m, 3, all[2])).toEqual(all.slice(3, 6));
      expect(await found(m, 3, all[5])).toEqual(all.slice(6));
      expect(await found(m, 3, all[6])).toEqual([]);
    });
  });
});
