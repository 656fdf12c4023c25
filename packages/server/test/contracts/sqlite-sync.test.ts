import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../../src/testing.ts';

/**
 * PARLEY_SQLITE_SYNC chooses what a commit waits for (docs/reliability.md): `normal` the
 * operating system, `full` the disk. The setting must reach the connection that commits.
 */
describe('PARLEY_SQLITE_SYNC', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const synchronous = async (s: TestServer) => {
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(
      s.parley.services.store.db,
    );
    return rows[0]!.synchronous;
  };

  it('commits with synchronous=NORMAL by default: a killed process loses nothing, fsync only at checkpoints', async () => {
    server = await startTestServer('sqlite');
    expect(await synchronous(server)).toBe(1);
  });

  it('commits with synchronous=FULL when set to full: each commit waits for the disk', async () => {
    server = await startTestServer('sqlite', { sqliteSync: 'full' });
    expect(await synchronous(server)).toBe(2);
  });
});
