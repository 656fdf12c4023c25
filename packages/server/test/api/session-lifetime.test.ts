import { describe, expect, it } from 'vitest';
import { databaseUrlOf } from '../../src/config/load.ts';
import { openStore } from '../../src/store/connect.ts';
import { startTestServer } from '../../src/testing.ts';
import { register } from '../support/factories.ts';
import { api, expectError } from '../support/http.ts';
import { openSocket } from '../support/socket.ts';
import { dialects, useServer } from '../support/server.ts';

describe.each(dialects)('session lifetime on %s', (dialect) => {
  const server = useServer(dialect, { sessionIdleDays: 30 });

  it('signs out a session left unused for longer than the idle limit, and forgets it', async () => {
    const alice = await register(server(), 'alice');
    const longAgo = new Date(Date.now() - 31 * 86_400_000).toISOString();
    const db = server().parley.services.store.db;
    await db
      .updateTable('sessions')
      .set({ last_seen_at: longAgo })
      .where('id', '=', alice.session.id)
      .execute();
    expectError(await api(server(), 'GET', '/me', { token: alice.token }), 401, 'unauthenticated');
    const left = await db.selectFrom('sessions').select('id').where('id', '=', alice.session.id).execute();
    expect(left).toHaveLength(0);
  });

  it('keeps a session used within the limit', async () => {
    const bob = await register(server(), 'bob');
    const recently = new Date(Date.now() - 29 * 86_400_000).toISOString();
    const db = server().parley.services.store.db;
    await db
      .updateTable('sessions')
      .set({ last_seen_at: recently })
      .where('id', '=', bob.session.id)
      .execute();
    expect((await api(server(), 'GET', '/me', { token: bob.token })).status).toBe(200);
  });
});

describe.each(dialects)('shutting down on %s', (dialect) => {
  it('records when each connected user was last seen before the database closes', async () => {
    const server = await startTestServer(dialect);
    try {
      const alice = await register(server, 'alice');
      const socket = await openSocket(server, alice.token);
      const before = Date.now();
      await server.parley.close();
      expect((await socket.waitForClose()).code).toBe(1001);
      const store = openStore(databaseUrlOf(server.parley.services.config));
      try {
        const row = await store.db
          .selectFrom('users')
          .select('last_seen_at')
          .where('id', '=', alice.user.id)
          .executeTakeFirstOrThrow();
        expect(row.last_seen_at).not.toBeNull();
        expect(Date.parse(row.last_seen_at!)).toBeGreaterThanOrEqual(before - 1000);
      } finally {
        await store.close();
      }
    } finally {
      await server.close();
    }
  });
});
