import { WebSocket } from 'ws';
import type { WebSocketConstructor, WebSocketLike } from '../../src/index.ts';

/** A frame as JSON, for deciding what to drop. */
export type Frame = { re?: string; event?: string; data?: { seq?: number }; type?: string; id?: string };

/**
 * A `ws` WebSocket the test can steer, to make the network trouble the delivery contract is
 * about: go offline (new sockets fail to connect), cut the open socket without a close frame,
 * and lose chosen frames in either direction.
 */
export interface SocketControl {
  WebSocket: WebSocketConstructor;
  /** While true, new sockets connect to a closed port and fail. */
  offline: boolean;
  /** Frames from the server for which this is true never reach the SDK. */
  dropIncoming: (frame: Frame) => boolean;
  /** Called with every frame the SDK sends. */
  onOutgoing: (frame: Frame) => void;
  /** Sockets opened so far. */
  readonly opened: number;
  /** Ends the current socket at once, as a dead network path would. */
  cut(): void;
}

export function controlledSocket(): SocketControl {
  const sockets: ControlledSocket[] = [];
  let opened = 0;
  const control: SocketControl = {
    WebSocket: undefined as unknown as WebSocketConstructor,
    offline: false,
    dropIncoming: () => false,
    onOutgoing: () => {},
    get opened() {
      return opened;
    },
    cut() {
      sockets.at(-1)?.terminate();
    },
  };

  class ControlledSocket implements WebSocketLike {
    private readonly ws: WebSocket;
    constructor(url: string) {
      this.ws = new WebSocket(control.offline ? 'ws://127.0.0.1:9/ws' : url);
      opened += 1;
      sockets.push(this);
    }
    get readyState(): number {
      return this.ws.readyState;
    }
    send(data: string): void {
      control.onOutgoing(JSON.parse(data) as Frame);
      this.ws.send(data);
    }
    close(code?: number, reason?: string): void {
      this.ws.close(code, reason);
    }
    terminate(): void {
      this.ws.terminate();
    }
    addEventListener(type: string, listener: (event: never) => void): void {
      const call = listener as (event: unknown) => void;
      if (type === 'message') {
        this.ws.addEventListener('message', (event) => {
          if (!control.dropIncoming(JSON.parse(String(event.data)) as Frame))
            call({ data: String(event.data) });
        });
      } else if (type === 'close') {
        this.ws.addEventListener('close', (event) => call({ code: event.code, reason: event.reason }));
      } else {
        this.ws.addEventListener(type as 'open' | 'error', () => call(undefined));
      }
    }
  }
  control.WebSocket = ControlledSocket;
  return control;
}
