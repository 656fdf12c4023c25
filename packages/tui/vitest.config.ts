import { defineConfig } from 'vitest/config';

/**
 * Each terminal test runs the real client in a pseudo-terminal against a real server, so tests
 * take seconds, not milliseconds; node-pty is a native module, hence processes, not threads.
 * The client is bundled once first (build.ts): it starts in half a second instead of three.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
