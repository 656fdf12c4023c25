import {
  type FrameResults,
  type HelloResult,
  type ServerEvent,
  closeCodes,
  limits,
  terminalCloseCodes,
} from '@parley/protocol';
import { type BackoffOptions, backoffDelay, defaultBackoff } from './backoff.ts';
import type {
  CloseInfo,
  ConnectionEvents,
  ConnectionOptions,
  ConnectionState,
  PayloadArgs,
  RequestType,
} from './connection-types.ts';
import { Emitter, type Listener } from './emitter.ts';
import { type ClientErrorCode, ParleyError } from './errors.ts';
import { readFrame } from './frames.ts';
import { type WebSocketConstructor, type WebSocketLike, dropSocket, globalWebSocket } from './websocket.ts';

interface Pending {
  resolve(result: unknown): void;
  reject(error: ParleyError): void;
}

/**
 * One live connection to the gateway that survives network trouble: it opens the socket,
 * authenticates with `hello`, checks the link with `ping` every heartbeat, and when the
 * socket drops or stops answering it opens a new one after an exponential backoff with jitter
 * and authenticates again with the same token. It stops only when told to (`close()`) or when
 * the server says the token is no good (close 4002, 4003, or `session.revoked` for this
 * session): reconnecting then would only be refused again. See PROTOCOL.md for the frames.
 *
 * Requests pending when a socket drops are rejected with `disconnected`, never resent: the
 * caller knows whether repeating one is safe (idempotent sends carry their own ids).
 */
export class Connection {
  private readonly events = new Emitter<ConnectionEvents>();
  private readonly WebSocketImpl: WebSocketConstructor;
  private readonly backoff: BackoffOptions;
  private readonly timeoutMs: number;
  private currentState: ConnectionState = 'connecting';
  private socket: WebSocketLike | null = null;
  private readonly pending = new Map<string, Pending>();
  private nextRequestId = 0;
  private attempt = 0;
  private latestHello: HelloResult | null = null;
  private openTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;

  /** Starts connecting at once; listen for `hello` or await `opened()`. */
  constructor(private readonly options: ConnectionOptions) {
    this.WebSocketImpl = options.WebSocket ?? globalWebSocket();
    this.backoff = { ...defaultBackoff, ...options.backoff };
    this.timeoutMs = options.timeoutMs ?? limits.wsHelloTimeoutMs;
    this.open();
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** What the server said at the latest successful hello (who we are, our session id). */
  get lastHello(): HelloResult | null {
    return this.latestHello;
  }

  on<K extends keyof ConnectionEvents>(name: K, listener: Listener<ConnectionEvents[K]>): () => void {
    return this.events.on(name, listener);
  }

  once<K extends keyof ConnectionEvents>(name: K, listener: Listener<ConnectionEvents[K]>): () => void {
    return this.events.once(name, listener);
  }

  off<K extends keyof ConnectionEvents>(name: K, listener: Listener<ConnectionEvents[K]>): void {
    this.events.off(name, listener);
  }

  /** Resolves with the current hello when open, else the next one; rejects if it closes for good first. */
  opened(): Promise<HelloResult> {
    if (this.currentState === 'open' && this.latestHello) return Promise.resolve(this.latestHello);
    if (this.currentState === 'closed') return Promise.reject(this.closedError());
    return new Promise((resolve, reject) => {
      const offHello = this.events.once('hello', (hello) => {
        offClosed();
        resolve(hello);
      });
      const offClosed = this.events.once('closed', (info) => {
        offHello();
        reject(this.closedError(info));
      });
    });
  }

  /**
   * Sends a request and resolves with the server's typed result. Rejects with the server's
   * refusal as a ParleyError, or with `disconnected` when not open or if the socket drops
   * before the reply (`closed` once closed for good).
   */
  request<T extends RequestType>(type: T, ...args: PayloadArgs<T>): Promise<FrameResults[T]> {
    if (this.currentState === 'closed') return Promise.reject(this.closedError());
    if (this.currentState !== 'open' || !this.socket) {
      return Promise.reject(
        new ParleyError('disconnected', `cannot send ${type}: the connection is ${this.currentState}`),
      );
    }
    const [payload] = args as [object?];
    return this.send(this.socket, type, payload ?? {});
  }

  /**
   * The network is probably back (a browser's `online` event): a connection waiting out its
   * backoff tries again at once, and an open one checks its link with a ping now, replacing
   * the socket when no answer comes in time (it may have died silently while the network was
   * away). Does nothing while a socket is opening, or once closed.
   */
  reconnectNow(): void {
    if (this.currentState === 'closed') return;
    if (this.currentState === 'open' && this.socket) {
      this.checkLink(this.socket);
      return;
    }
    if (this.retryTimer === undefined) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.attempt = 0;
    this.open();
  }

  /** Closes for good: no reconnecting; pending requests reject with `closed`. */
  close(): void {
    this.finish({ code: 1000, reason: 'closed by the client' });
  }

  private open(): void {
    // A listener may have called close() while the retry was waiting.
    if (this.currentState === 'closed') return;
    let socket: WebSocketLike;
    try {
      socket = new this.WebSocketImpl(this.options.url);
    } catch (err) {
      // A URL the WebSocket constructor refuses will not get better: tell the caller at once.
      if (this.currentState === 'connecting') throw err;
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.openTimer = setTimeout(() => this.drop(socket, 'no answer to hello in time'), this.timeoutMs);
    // Listeners stay on an abandoned socket (removing them would let `ws` throw its late
    // 'error'); each checks that its socket is still the current one.
    socket.addEventListener('open', () => {
      if (socket === this.socket) this.sayHello(socket);
    });
    socket.addEventListener('message', (event) => {
      if (socket === this.socket) this.receive(event.data);
    });
    socket.addEventListener('close', (event) => {
      if (socket === this.socket) this.closedByServer(socket, event.code, event.reason);
    });
    socket.addEventListener('error', () => {
      // A close event always follows; that is where the connection reacts.
    });
  }

  private sayHello(socket: WebSocketLike): void {
    this.send(socket, 'hello', { token: this.options.token }).then(
      (hello) => {
        if (socket !== this.socket) return;
        clearTimeout(this.openTimer);
        this.attempt = 0;
        this.latestHello = hello;
        this.startHeartbeat(socket, this.options.heartbeatMs ?? hello.heartbeatMs);
        this.setState('open');
        // A `state` listener may have closed the connection already.
        if (socket === this.socket) this.events.emit('hello', hello);
      },
      (err: ParleyError) => {
        if (socket !== this.socket) return;
        // The token is no good: the server closes with 4002 too, but the reply says it first.
        if (err.code === 'unauthenticated') this.finish({ code: closeCodes.authFailed, reason: err.message });
        else this.drop(socket, `hello refused: ${err.code}`);
      },
    );
  }

  private startHeartbeat(socket: WebSocketLike, everyMs: number): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = setInterval(() => this.checkLink(socket), everyMs);
  }

  /** Pings; a socket that does not answer in time is dropped (and replaced). */
  private checkLink(socket: WebSocketLike): void {
    const deadline = setTimeout(() => this.drop(socket, 'no answer to ping in time'), this.timeoutMs);
    const settle = () => clearTimeout(deadline);
    this.send(socket, 'ping', {}).then(settle, settle);
  }

  private send<T extends keyof FrameResults>(
    socket: WebSocketLike,
    type: T,
    payload: object,
  ): Promise<FrameResults[T]> {
    const id = String(++this.nextRequestId);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      try {
        socket.send(JSON.stringify({ ...payload, id, type }));
      } catch (err) {
        this.pending.delete(id);
        reject(
          new ParleyError('disconnected', `cannot send ${type}: the socket is not open`, { cause: err }),
        );
      }
    });
  }

  private receive(data: unknown): void {
    const frame = readFrame(data);
    if (!frame) return;
    if (frame.kind === 'event') {
      this.dispatch(frame.event);
      return;
    }
    const pending = this.pending.get(frame.re);
    if (!pending) return;
    this.pending.delete(frame.re);
    if (frame.kind === 'ok') pending.resolve(frame.result);
    else pending.reject(ParleyError.fromBody(frame.error));
  }

  private dispatch({ event, data }: ServerEvent): void {
    this.events.emit(event, data);
    // The server closes with 4003 right after; ending here does not depend on that close
    // frame making it through proxies.
    if (event === 'session.revoked' && data.sessionId === this.latestHello?.sessionId) {
      this.finish({ code: closeCodes.sessionRevoked, reason: data.reason });
    }
  }

  private closedByServer(socket: WebSocketLike, code: number, reason: string): void {
    if (terminalCloseCodes.includes(code)) this.finish({ code, reason });
    else this.drop(socket, `closed by the server (${code}${reason ? ` ${reason}` : ''})`);
  }

  /** Gives up on `socket` (if still current) and reconnects after the backoff. */
  private drop(socket: WebSocketLike, why: string): void {
    if (socket !== this.socket) return;
    this.detach('disconnected', `the connection dropped before the reply: ${why}`);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.setState('reconnecting');
    if (this.currentState === 'closed') return; // closed by a `state` listener
    const delay = backoffDelay(this.attempt++, this.backoff);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.open();
    }, delay);
  }

  private finish(info: CloseInfo): void {
    if (this.currentState === 'closed') return;
    clearTimeout(this.retryTimer);
    this.detach('closed', `the connection closed (${info.code} ${info.reason})`);
    this.setState('closed');
    this.events.emit('closed', info);
  }

  /** Lets go of the current socket: stops its timers, fails its pending requests, drops it. */
  private detach(code: ClientErrorCode, message: string): void {
    const socket = this.socket;
    this.socket = null;
    clearTimeout(this.openTimer);
    clearInterval(this.heartbeatTimer);
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const request of pending) request.reject(new ParleyError(code, message));
    if (socket) dropSocket(socket);
  }

  private setState(state: ConnectionState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.events.emit('state', state);
  }

  private closedError(info?: CloseInfo): ParleyError {
    const why = info ? ` (${info.code} ${info.reason})` : '';
    return new ParleyError('closed', `the connection is closed${why}`);
  }
}
