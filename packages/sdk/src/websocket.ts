/**
 * The part of the WebSocket API the Connection uses, so that a browser's WebSocket and the
 * `ws` package's (Node 20 has no global one) both fit. Only `addEventListener` is used for
 * events, and a close event's `code` decides whether to reconnect.
 */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** readyState values from the WebSocket standard. */
export const readyStates = { connecting: 0, open: 1, closing: 2, closed: 3 } as const;

/** The global WebSocket (browsers, Node 22+), or a clear error saying to pass one. */
export function globalWebSocket(): WebSocketConstructor {
  const ctor = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!ctor) {
    throw new TypeError(
      "this runtime has no global WebSocket: pass one in the options, e.g. `import { WebSocket } from 'ws'`",
    );
  }
  return ctor;
}

/**
 * Drops a socket at once. A close handshake cannot complete over a dead link, so `ws`'s
 * terminate() is used when present; a browser's close() is the best it offers.
 */
export function dropSocket(socket: WebSocketLike): void {
  if (socket.readyState === readyStates.closed) return;
  const terminate = (socket as { terminate?: () => void }).terminate;
  if (typeof terminate === 'function') terminate.call(socket);
  else if (socket.readyState !== readyStates.closing) socket.close(1000);
}
