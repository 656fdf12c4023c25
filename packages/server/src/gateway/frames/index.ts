import type { ClientFrame, FrameResults } from '@parley/protocol';
import { AppError } from '../../errors.ts';
import type { Connection } from '../connection.ts';
import { hello } from './hello.ts';
import { ping } from './ping.ts';
import { readFrame } from './read.ts';
import { sendMessageFrame } from './send-message.ts';
import { syncFrame } from './sync.ts';
import { typingFrame } from './typing.ts';

type Result = FrameResults[keyof FrameResults];

/**
 * Routes a validated frame to its handler; only `hello` is allowed before authentication.
 * Resolves once the frame has taken its place — for `message.send` when the send is queued
 * (its `reply` settles once it is stored), for every other frame when it is done — so the
 * connection can read the next frame without letting it overtake this one.
 */
export async function startFrame(
  connection: Connection,
  frame: ClientFrame,
): Promise<{ reply: Promise<Result> }> {
  if (frame.type === 'hello') return done(hello(connection, frame));
  if (!connection.signedIn) throw new AppError('unauthenticated', 'send hello with your session token first');
  // The socket spends from the same per-session budget as REST (PARLEY_REQUESTS_PER_MINUTE):
  // a send is a send, whichever way it comes. Pings are too cheap to count.
  if (frame.type !== 'ping') await connection.gateway.services.sessionRateLimit.consume(connection.sessionId);
  switch (frame.type) {
    case 'ping':
      return done(ping());
    case 'message.send':
      return { reply: sendMessageFrame(connection, frame) };
    case 'sync':
      return done(syncFrame(connection, frame));
    case 'typing':
      return done(typingFrame(connection, frame));
    case 'read':
      return done(readFrame(connection, frame));
  }
}

async function done(work: Result | Promise<Result>): Promise<{ reply: Promise<Result> }> {
  return { reply: Promise.resolve(await work) };
}
