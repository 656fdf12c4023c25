import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testPostgresUrl } from '../../src/testing.ts';
import { type ServerProcess, runServerProcess } from '../support/process.ts';

/** Ends every connection to `database` from the server side, as a PostgreSQL restart or failover does. */
async function terminateConnections(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  try {
    const res = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
    return res.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

// PostgreSQL only: SQLite has no connections that could be dropped under the server. The real
// server process runs as a child, so a crash shows as a crash rather than as an error caught
// by the test runner.
describe('a server process on postgres whose database connections are dropped', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;
  let server: ServerProcess;
  let url: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(path.join(tmpdir(), 'parley-process-'));
    server = runServerProcess(
      {
        PARLEY_PORT: '0',
        PARLEY_HOST: '127.0.0.1',
        PARLEY_DATABASE_URL: database.url,
        PARLEY_DATA_DIR: dir,
        PARLEY_LOG_LEVEL: 'info',
      },
      dir,
    );
    url = await server.listening();
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps running and answers the next requests from new connections', async () => {
    expect((await fetch(`${url}/api/v1/ready`)).status).toBe(200);
    const name = new URL(database.url).pathname.slice(1);
    expect(await terminateConnections(name)).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.child.exitCode, `the server exited:\n${server.stderr()}`).toBeNull();
    expect((await fetch(`${url}/api/v1/ready`)).status).toBe(200);
  });
});
