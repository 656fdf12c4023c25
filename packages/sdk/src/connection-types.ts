import type { ClientFrame, FrameResults, HelloResult, ServerEvents } from '@parley/protocol';
import type { BackoffOptions } from './backoff.ts';
import type { WebSocketConstructor } from './websocket.ts';

/**
 * - `connecting`: the first socket is opening or saying hello.
 * - `open`: authenticated; requests may be sent and events arrive.
 * - `reconnecting`: the socket dropped (or an attempt failed); waiting out the backoff or
 *   opening the next socket.
 * - `closed`: for good: `close()` was called, or the server ended the session (4002, 4003).
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Why a Connection closed for good: a WebSocket close code (see protocol closeCodes) and reason. */
export interface CloseInfo {
  code: number;
  reason: string;
}

/** Every server push by name, plus the connection's own `state`, `hello` and `closed`. */
export type ConnectionEvents = ServerEvents & {
  state: ConnectionState;
  /** After every successful (re)authentication. */
  hello: HelloResult;
  closed: CloseInfo;
};

export interface ConnectionOptions {
  /** The gateway's address, e.g. `wss://chat.example.org/ws`. */
  url: string;
  token: string;
  /** Defaults to globalThis.WebSocket; in Node 20 pass the `ws` package's WebSocket. */
  WebSocket?: WebSocketConstructor;
  /** How often to ping; defaults to what the server says in hello. */
  heartbeatMs?: number;
  /**
   * How long the server has to open the socket and answer hello, or to answer a heartbeat
   * ping, before the socket counts as dead and is replaced. Default limits.wsHelloTimeoutMs.
   */
  timeoutMs?: number;
  /** Reconnect delays; see backoff.ts. */
  backoff?: Partial<BackoffOptions>;
}

/** Request types a caller may send (`hello` is the connection's own business). */
export type RequestType = Exclude<keyof FrameResults, 'hello'>;
export type RequestPayload<T extends keyof FrameResults> = Omit<
  Extract<ClientFrame, { type: T }>,
  'id' | 'type'
>;
/** The payload argument: none for a frame without fields (ping), optional when all are. */
export type PayloadArgs<T extends keyof FrameResults> = [keyof RequestPayload<T>] extends [never]
  ? []
  : Partial<RequestPayload<T>> extends RequestPayload<T>
    ? [payload?: RequestPayload<T>]
    : [payload: RequestPayload<T>];
