import type { ParleyClient } from '@parley/sdk';
import { ConversationStore, type WebSocketConstructor } from '@parley/sdk';
import { WebSocket } from 'ws';
import type { Member } from '../../proof/support/members.ts';

/**
 * A member whose every new socket goes where `pickUrl` says at that moment: the stand-in for
 * a load balancer that sends a reconnecting client to a node that is up. The SDK itself knows
 * one address, as it would behind nginx.
 */
export function roamingMember(name: string, client: ParleyClient, pickUrl: () => string): Member {
  const sockets: WebSocket[] = [];
  const member = { offline: false } as Member;
  class Roaming extends WebSocket {
    constructor() {
      super(member.offline ? 'ws://127.0.0.1:9/ws' : pickUrl());
      sockets.splice(0, sockets.length, this);
    }
  }
  const connection = client.connect({
    WebSocket: Roaming as unknown as WebSocketConstructor,
    backoff: { initialMs: 50, maxMs: 400 },
  });
  const store = new ConversationStore({ http: client.http, connection, retryMs: 200, ackTimeoutMs: 5000 });
  return Object.assign(member, {
    name,
    client,
    connection,
    store,
    cut: () => sockets.at(-1)?.terminate(),
    close() {
      store.dispose();
      connection.close();
    },
  });
}
