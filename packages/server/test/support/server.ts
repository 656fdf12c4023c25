import { afterAll, beforeAll } from 'vitest';
import type { SettingKey } from '../../src/config/settings.ts';
import { startTestServer, type TestDialect, type TestServer } from '../../src/testing.ts';

/** Every suite that touches the server runs once per store. */
export const dialects = ['sqlite', 'postgres'] as const satisfies readonly TestDialect[];

export type Overrides = Partial<Record<SettingKey, unknown>>;

/**
 * Starts one real node for the enclosing describe block and stops it afterwards. Returns a
 * getter because the server exists only once `beforeAll` has run.
 */
export function useServer(dialect: TestDialect, overrides: Overrides = {}): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(dialect, overrides);
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('the test server has not started yet');
    return server;
  };
}
