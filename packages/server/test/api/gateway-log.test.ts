import { limits } from '@parley/protocol';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../../src/testing.ts';
import { register } from '../support/factories.ts';
import { dialects } from '../support/server.ts';
import { openSocket } from '../support/socket.ts';

interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

const warn = 40;
const error = 50;

describe.each(dialects)('what the gateway logs on %s', (dialect) => {
  const lines: LogLine[] = [];
  let server: TestServer;
  beforeAll(async () => {
    // The node's own log, line by line, as an operator would read it.
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    server = await startTestServer(dialect, {}, { log });
  });
  afterAll(() => server?.close());

  it('notes a socket closed for oversize frames once, as a warning naming the session and the limit, with no stack', async () => {
    const alice = await register(server, 'alice');
    const socket = await openSocket(server, alice.token);
    const before = lines.length;
    const oversize = { id: 'big', type: 'ping', padding: 'x'.repeat(limits.wsFrameMaxBytes) };
    socket.send(oversize);
    socket.send(oversize);
    expect((await socket.waitForClose()).code).toBe(1009);

    const logged = lines.slice(before);
    expect(logged.filter((line) => line.level >= error)).toEqual([]);
    const warnings = logged.filter((line) => line.level === warn);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      userId: alice.user.id,
      sessionId: alice.session.id,
      limit: limits.wsFrameMaxBytes,
      code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH',
    });
    expect(warnings[0]).not.toHaveProperty('err');
    expect(JSON.stringify(logged)).not.toMatch(/\n\s+at |node_modules|stack/);
  });
});
