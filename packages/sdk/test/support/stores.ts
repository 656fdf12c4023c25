import type { TestServer } from '@parley/server/testing';
import { WebSocket } from 'ws';
import {
  type Connection,
  ConversationStore,
  type ConversationStoreOptions,
  type FetchLike,
  ParleyClient,
} from '../../src/index.ts';
import { type SocketControl, controlledSocket } from './controlled-socket.ts';
import { until } from './wait.ts';

const backoff = { initialMs: 40, maxMs: 200 };

export interface TestStore {
  store: ConversationStore;
  connection: Connection;
  control: SocketControl;
  /** Cuts the socket and keeps new ones from connecting until `control.offline = false`. */
  offline(): Promise<void>;
  /** Disposes the store and closes its connection, as closing the page would. */
  close(): void;
}

/**
 * A store on a connection of its own, with a socket the test can steer. `cleanups` collects
 * what closes it after the test.
 */
export function storeOf(
  client: ParleyClient,
  cleanups: (() => unknown)[],
  options: Partial<ConversationStoreOptions> = {},
): TestStore {
  const control = controlledSocket();
  const connection = client.connect({ WebSocket: control.WebSocket, backoff });
  const store = new ConversationStore({ http: client.http, connection, retryMs: 50, ...options });
  const close = () => {
    store.dispose();
    connection.close();
  };
  cleanups.push(close);
  const offline = async () => {
    control.offline = true;
    control.cut();
    await until(() => connection.state !== 'open');
  };
  return { store, connection, control, offline, close };
}

/**
 * A fetch whose answers to matching requests are held back until `release()`: the server has
 * answered (its state read), but the SDK hears it only later, as over a slow link.
 */
export interface HeldFetch {
  fetch: FetchLike;
  /** Answers read and waiting to be released. */
  readonly held: number;
  release(): void;
}

export function holdingFetch(matches: (url: string) => boolean): HeldFetch {
  const waiting: (() => void)[] = [];
  let held = 0;
  return {
    fetch: async (input, init) => {
      const response = await globalThis.fetch(input, init);
      if (!matches(input)) return response;
      held += 1;
      await new Promise<void>((resolve) => waiting.push(resolve));
      return response;
    },
    get held() {
      return held;
    },
    release() {
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

/** Another "device" of the same user: a new client with the same session token. */
export function sameUser(server: TestServer, client: ParleyClient, fetch?: FetchLike): ParleyClient {
  return new ParleyClient({ baseUrl: server.url, WebSocket, token: client.token!, ...(fetch && { fetch }) });
}
