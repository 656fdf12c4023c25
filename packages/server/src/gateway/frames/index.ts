import type { ClientFrame, FrameResults } from '@parley/protocol';
import { AppError } from '../../errors.ts';
import type { Connection } from '../connection.ts';
import { hello } from './hello.ts';
import { ping } from './ping.ts';
import { readFrame } from './read.ts';
import { sendMessageFrame } from './send-message.ts';
import { syncFrame } from './sync.ts';
import { typingFrame } from './typing.ts';

/** Routes a validated frame to its handler; only `hello` is allowed before authentication. */
export async function handleFrame(
  connection: Connection,
  frame: ClientFrame,
): Promise<FrameResults[keyof FrameResults]> {
  if (frame.type === 'hello') return hello(connection, frame);
  if (!connection.actor) throw new AppError('unauthenticated', 'send hello with your session token first');
  // The socket spends from the same per-session budget as REST (PARLEY_REQUESTS_PER_MINUTE):
  // a send is a send, whichever way it comes. Pings are too cheap to count.
  if (frame.type !== 'ping') await connection.gateway.services.sessionRateLimit.consume(connection.sessionId);
  switch (frame.type) {
    case 'ping':
      return ping();
    case 'message.send':
      return sendMessageFrame(connection, frame);
    case 'sync':
      return syncFrame(connection, frame);
    case 'typing':
      return typingFrame(connection, frame);
    case 'read':
      return readFrame(connection, frame);
  }
}
