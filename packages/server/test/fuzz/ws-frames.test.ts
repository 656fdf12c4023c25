import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeCodes, errorCodes, limits } from '@parley/protocol';
import { startTestServer, type TestServer } from '../../src/testing.ts';
import { api } from '../support/http.ts';
import { type Frame, TestSocket, openSocket } from '../support/socket.ts';
import { type Cast, castFor } from './support/cast.ts';
import { type WsCase, wsCases } from './support/frames.ts';
import { capturingLogger } from './support/log.ts';
import { fuzzRuns, fuzzSeed, report, tally, timeoutFor } from './support/settings.ts';

/**
 * Generated frames on real sockets (docs/testing.md, "Fuzzing"): whatever a client sends, every
 * request is answered exactly once with a documented code, the server closes a socket only for
 * the abuses PROTOCOL.md lists, and it logs no error.
 */
const runs = fuzzRuns(400);
const logs = capturingLogger();
let server: TestServer;
let cast: Cast;

beforeAll(async () => {
  server = await startTestServer('sqlite', {}, { log: logs.log });
  cast = await castFor(server);
});

afterAll(async () => {
  await server?.close();
});

/** The `re` the server must answer with: the frame's id when it is a usable one, else null. */
function expectedRe(text: string): string | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length > 0 && id.length <= limits.frameIdMax ? id : null;
}

/** Resolves once the sentinel ping behind the case is answered, or the socket has closed. */
async function settle(socket: TestSocket, sentinel: string): Promise<'answered' | 'closed'> {
  const answered = socket
    .waitFor((f) => f.re === sentinel, `the reply to ${sentinel}`, 5000)
    .then(
      () => 'answered' as const,
      (err: unknown) => {
        if (socket.closeInfo) return 'closed' as const;
        throw err;
      },
    );
  return Promise.race([answered, socket.closed.then(() => 'closed' as const)]);
}

describe('fuzzing the gateway', () => {
  test(
    'every generated frame gets exactly one documented reply, and only abuse closes the socket',
    async () => {
      const replies: Record<string, number> = {};
      const disconnects: Record<string, number> = {};
      const kinds: Record<string, number> = {};
      let signedIn = await openSocket(server, cast.alice.token);
      let sentinels = 0;

      const runCase = async (c: WsCase): Promise<void> => {
        if (!c.preHello && !signedIn.isOpen) signedIn = await openSocket(server, cast.alice.token);
        const socket = c.preHello ? await TestSocket.connect(server) : signedIn;
        const from = socket.frames.length;
        const sentinel = `sentinel-${++sentinels}`;
        const oversized =
          c.payload.kind === 'text' && Buffer.byteLength(c.payload.text) > limits.wsFrameMaxBytes;
        tally(
          kinds,
          c.payload.kind === 'binary'
            ? 'binary'
            : oversized
              ? 'oversized'
              : c.preHello
                ? 'before hello'
                : 'signed in',
        );
        socket.ws.send(c.payload.kind === 'text' ? c.payload.text : c.payload.bytes, {
          binary: c.payload.kind === 'binary',
        });
        socket.send({ id: sentinel, type: 'ping' });
        const outcome = await settle(socket, sentinel);
        const answers = socket.frames.slice(from).filter((f) => 're' in f && f.re !== sentinel);

        if (outcome === 'closed') tally(disconnects, socket.closeInfo!.code);
        if (c.payload.kind === 'binary' || oversized) {
          // Not read at all: closed with 4000 (binary) or 1009 (too large), never answered.
          expect(answers).toEqual([]);
          expect(socket.closeInfo?.code ?? (await socket.waitForClose()).code).toBe(
            oversized ? closeCodes.tooLarge : closeCodes.protocolError,
          );
        } else {
          expect(answers, 'exactly one reply').toHaveLength(1);
          const reply: Frame = answers[0]!;
          expect(reply.re).toBe(expectedRe(c.payload.text));
          expect('ok' in reply !== 'error' in reply, 'ok or error, not both').toBe(true);
          if (reply.error) {
            expect(errorCodes).toContain(reply.error.code);
            expect(reply.error.code).not.toBe('internal');
            expect(typeof reply.error.message).toBe('string');
            expect(reply.error.message.length).toBeGreaterThan(0);
          }
          tally(replies, reply.error?.code ?? 'ok');
          if (outcome === 'closed') {
            const code = socket.closeInfo!.code;
            // 4000: the limits.wsMaxBadFrames-th malformed frame; 4002: a hello with a dead token.
            if (code === closeCodes.authFailed) expect(reply.error?.code).toBe('unauthenticated');
            else expect(code).toBe(closeCodes.protocolError);
          }
        }
        if (c.preHello) await socket.close();
      };

      await fc.assert(fc.asyncProperty(wsCases(cast), runCase), { numRuns: runs, seed: fuzzSeed });
      await signedIn.close();

      report('ws frames', runs, {
        sent: kinds,
        replies,
        'closed by the server': disconnects,
        'internal errors': { count: replies.internal ?? 0 },
      });
    },
    timeoutFor(runs),
  );

  test('afterwards a new socket still says hello, sends and is acknowledged, and the node is ready', async () => {
    const socket = await openSocket(server, cast.alice.token);
    const clientMsgId = randomUUID();
    const ack = await socket.request('message.send', {
      conversationId: cast.directId,
      clientMsgId,
      text: 'still here',
    });
    expect(ack.error).toBeUndefined();
    expect(ack.ok).toMatchObject({ conversationId: cast.directId, clientMsgId });
    await socket.close();
    expect((await api(server, 'GET', '/ready')).status).toBe(200);
    expect(logs.errors()).toEqual([]);
  });
});
