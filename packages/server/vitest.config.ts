import { defineConfig } from 'vitest/config';

// The suite talks to real servers over loopback, so it waits on I/O more than on the CPU:
// run files side by side even on a small machine. See test/support/server.ts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 15_000,
    hookTimeout: 30_000,
    maxWorkers: 4,
  },
});
