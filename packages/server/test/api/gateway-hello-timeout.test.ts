import { closeCodes, limits } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { dialects, useServer } from '../support/server.ts';
import { TestSocket } from '../support/socket.ts';

// limits.wsHelloTimeoutMs is a fixed 10 s, so this is the one slow test: the two dialects run
// side by side (describe.concurrent) and the file runs beside the others.
describe.concurrent.each(dialects)('a socket that never says hello on %s', (dialect) => {
  const server = useServer(dialect);

  it(
    `is closed with 4001 after limits.wsHelloTimeoutMs (${limits.wsHelloTimeoutMs} ms)`,
    async () => {
      const socket = await TestSocket.connect(server());
      const opened = Date.now();
      const closed = await socket.waitForClose(limits.wsHelloTimeoutMs + 5000);
      const after = Date.now() - opened;
      expect(closed.code).toBe(closeCodes.helloTimeout);
      expect(closed.code).toBe(4001);
      expect(after).toBeGreaterThanOrEqual(limits.wsHelloTimeoutMs - 200);
    },
    limits.wsHelloTimeoutMs + 10_000,
  );
});
