import type { PingResult } from '@parley/protocol';

/** Lets a client (browsers cannot send WebSocket pings) check the connection is alive. */
export async function ping(): Promise<PingResult> {
  return { serverTime: new Date().toISOString() };
}
