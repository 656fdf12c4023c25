import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { createParley, type Parley } from './app.ts';
import { loadConfig } from './config/load.ts';
import type { SettingKey } from './config/settings.ts';

/**
 * Starts a real Parley node on a random loopback port for tests, benchmarks and e2e runs:
 * SQLite in a fresh temporary folder, or a PostgreSQL database made for it alone and dropped
 * afterwards. Not used by the server itself.
 */
export interface TestServer {
  parley: Parley;
  /** http://127.0.0.1:<port> */
  url: string;
  /** ws://127.0.0.1:<port>/ws */
  wsUrl: string;
  dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

export type TestDialect = 'sqlite' | 'postgres';

/** Where the suite's PostgreSQL lives; it must allow creating databases. */
export const testPostgresUrl =
  process.env.PARLEY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The Redis the contract tests use; each test keeps to a prefix of its own and deletes its keys. */
export const testRedisUrl = process.env.PARLEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function startTestServer(
  dialect: TestDialect = 'sqlite',
  overrides: Partial<Record<SettingKey, unknown>> = {},
  /** `log`: where the node logs (a test reading its log lines); by default as PARLEY_LOG_LEVEL says. */
  { log }: { log?: Logger } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'parley-test-'));
  // `overrides.databaseUrl`: join another test server's database (several nodes of one
  // cluster); that server made it and drops it.
  const database =
    dialect === 'postgres' && overrides.databaseUrl === undefined ? await createTestDatabase() : null;
  const config = loadConfig(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      passwordHashCost: 12,
      // Suites register dozens of people from one address; the limits get tests of their own.
      registrationsPerHour: 100_000,
      requestsPerMinute: 100_000,
      logLevel: 'silent',
      // A test's last requests are done when it closes the server; nothing is worth waiting for.
      drainSeconds: 2,
      ...(database && { databaseUrl: database.url }),
      ...overrides,
    },
    // A parley.config.json in the working directory must not change what tests run against.
    { readFile: false },
  );
  const parley = await createParley(config, log);
  const url = (await parley.listen()).replace('localhost', '127.0.0.1');
  return {
    parley,
    url,
    wsUrl: `${url.replace(/^http/, 'ws')}/ws`,
    dialect,
    async close() {
      await parley.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh, uniquely named PostgreSQL database; `drop` removes it (and only it). */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `parley_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await withAdmin((client) => client.query(`create database ${name}`));
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
