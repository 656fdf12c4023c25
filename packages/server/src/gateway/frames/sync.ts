import type { SyncFrame, SyncResult } from '@parley/protocol';
import type { z } from 'zod';
import { syncConversations } from '../../actions/conversations/sync-conversations.ts';
import type { Connection } from '../connection.ts';

/** `sync`: what moved since the client's cursors (delivery contract point 5). */
export function syncFrame(connection: Connection, frame: z.infer<typeof SyncFrame>): Promise<SyncResult> {
  return syncConversations(connection.gateway.services, connection.actor!, frame.cursors);
}
