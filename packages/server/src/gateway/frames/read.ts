import type { ReadFrame, ReadResult } from '@parley/protocol';
import type { z } from 'zod';
import { markRead } from '../../actions/read/mark-read.ts';
import type { Connection } from '../connection.ts';

/** `read`: moves the read cursor, as `POST /conversations/{id}/read` does. */
export function readFrame(connection: Connection, frame: z.infer<typeof ReadFrame>): Promise<ReadResult> {
  return markRead(connection.gateway.services, connection.actor!, frame.conversationId, frame.seq);
}
