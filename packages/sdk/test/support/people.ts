import type { TestServer } from '@parley/server/testing';
import { WebSocket } from 'ws';
import { ParleyClient, type WebSocketConstructor } from '../../src/index.ts';

export const password = 'correct horse battery';

/** A client for `server` that uses `ws` (Node 20 has no global WebSocket). */
export function clientFor(server: TestServer, token?: string): ParleyClient {
  return new ParleyClient({ baseUrl: server.url, WebSocket, ...(token && { token }) });
}

/** Registers `name` (alice, bob, …) and returns their signed-in client. */
export async function signUp(server: TestServer, name: string): Promise<ParleyClient> {
  const client = clientFor(server);
  await client.register({ username: name, displayName: name[0]!.toUpperCase() + name.slice(1), password });
  return client;
}

/** A `ws` WebSocket that counts how many sockets the SDK opened with it. */
export function countingWebSocket(): { WebSocket: WebSocketConstructor; readonly opened: number } {
  let opened = 0;
  class CountingWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      opened += 1;
    }
  }
  return {
    WebSocket: CountingWebSocket,
    get opened() {
      return opened;
    },
  };
}
