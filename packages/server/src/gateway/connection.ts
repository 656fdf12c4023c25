import type { Duplex } from 'node:stream';
import { ClientFrame, type ErrorBody, closeCodes, limits } from '@parley/protocol';
import type { RawData, WebSocket } from 'ws';
import type { Actor, Caller } from '../access/session.ts';
import { AppError } from '../errors.ts';
import type { FanoutTarget } from '../fanout/fanout.ts';
import { startFrame } from './frames/index.ts';
import type { Gateway } from './gateway.ts';

/** Each open socket's connection, for the listeners all sockets share. */
const connectionOf = new WeakMap<WebSocket, Connection>();

/** Sockets corked by sendText this tick; one nextTick uncorks them all (not a closure each). */
const corkedThisTick: Connection[] = [];

function uncorkAll(): void {
  for (const connection of corkedThisTick.splice(0)) connection.uncork();
}

/** The connection of `socket`, for listeners outside this file (the gateway's `error` listener). */
export function connectionOn(socket: WebSocket): Connection | undefined {
  return connectionOf.get(socket);
}

/**
 * One WebSocket from its opening to its close. It must say `hello` with a session token
 * first; after that it is a fanout target and may send any client frame. Every request gets
 * exactly one reply; see PROTOCOL.md for the frames and close codes.
 */
export class Connection implements FanoutTarget {
  /**
   * Who signed in with `hello`: the ids, not the rows (access/session.ts Caller), kept as two
   * strings rather than three small objects for as long as the socket is open.
   */
  private callerUserId: string | null = null;
  private callerSessionId: string | null = null;
  /** Set by the first `hello`, before it awaits anything, so a second one is refused at once. */
  helloStarted = false;
  /** Registered with the fanout and counted in presence; only the gateway sets it. */
  attached = false;
  /** The socket has closed; an in-flight `hello` must not attach it afterwards. */
  closed = false;
  /** The node is stopping: frames that arrive now are left unanswered (the client sends them again elsewhere). */
  private draining = false;
  private inbox: Promise<void> = Promise.resolve();
  /** The last reply queued: replies are written in request order, whenever their work ends. */
  private replies: Promise<void> = Promise.resolve();
  private sendsInFlight = 0;
  private corked = false;
  private badFrames = 0;
  private alive = true;
  /** No extension (permessage-deflate) was negotiated: the fanout's shared frames fit as they are. */
  private readonly plainFrames: boolean;
  /** Until `hello` succeeds or the socket closes; then dropped, not kept for the socket's life. */
  private helloTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly socket: WebSocket,
    readonly gateway: Gateway,
    readonly ip: string,
    /** The TCP connection under the WebSocket: corked while a burst of frames is written. */
    private readonly tcp: Duplex,
  ) {
    this.plainFrames = socket.extensions === '';
    this.helloTimer = setTimeout(
      () => this.close(closeCodes.helloTimeout, 'no hello in time'),
      limits.wsHelloTimeoutMs,
    );
    // The listeners are shared by every socket (a closure per socket and event cost each idle
    // socket some 200 bytes); they find the connection by its socket.
    connectionOf.set(socket, this);
    socket.on('pong', Connection.onPong);
    socket.on('message', Connection.onMessage);
    socket.on('close', Connection.onClose);
  }

  private static onPong(this: WebSocket): void {
    connectionOf.get(this)!.alive = true;
  }

  // One frame at a time, in arrival order: a request sent right behind `hello` must see the
  // socket authenticated, and replies come back in the order they were asked. Only sends
  // overlap (see receive).
  private static onMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
    const connection = connectionOf.get(this)!;
    if (connection.draining) return;
    connection.inbox = connection.inbox.then(() => connection.receive(data.toString(), isBinary));
  }

  private static onClose(this: WebSocket): void {
    const connection = connectionOf.get(this)!;
    connection.closed = true;
    connection.stopHelloTimer();
    connection.gateway.closed(connection);
  }

  /** Who signed in with `hello`, or null before. */
  get actor(): Caller | null {
    if (this.callerUserId === null) return null;
    return { user: { id: this.callerUserId }, session: { id: this.callerSessionId! } };
  }

  /** Whether `hello` has succeeded: checked on every frame, so without building `actor`. */
  get signedIn(): boolean {
    return this.callerUserId !== null;
  }

  get userId(): string {
    return this.callerUserId!;
  }

  get sessionId(): string {
    return this.callerSessionId!;
  }

  /** Called by the gateway's heartbeat: drops a socket that did not answer the last ping. */
  heartbeat(): void {
    if (!this.alive) {
      this.socket.terminate();
      return;
    }
    this.alive = false;
    this.socket.ping();
  }

  /**
   * Graceful close for a node that is stopping: reads no more frames, lets every frame already
   * read finish (a send is stored and acknowledged), then closes with `code`. A frame that
   * arrives meanwhile is never answered, so the client's outbox sends it again on its next
   * socket, to another node; a clientMsgId makes that safe either way.
   */
  async drain(code: number, reason: string): Promise<void> {
    this.draining = true;
    await this.inbox;
    await this.replies;
    this.close(code, reason);
  }

  authenticated(actor: Actor): void {
    this.stopHelloTimer();
    this.callerUserId = actor.user.id;
    this.callerSessionId = actor.session.id;
  }

  private stopHelloTimer(): void {
    clearTimeout(this.helloTimer);
    this.helloTimer = undefined;
  }

  /**
   * Writes a serialised frame. `framed` is the same text as a whole WebSocket frame, made once
   * by the fanout for all its sockets: written straight to the TCP connection, since this
   * socket compresses nothing (no extensions) and ws writes each frame whole, so frames cannot
   * interleave. Without it, ws frames the text for this socket alone.
   */
  sendText(text: string, framed?: Buffer): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    // A reader that falls this far behind is dropped rather than buffered without bound; it
    // reconnects and syncs what it missed (DESIGN.md, delivery contract point 4).
    if (this.socket.bufferedAmount > limits.wsSendBufferMaxBytes) {
      this.close(closeCodes.slowConsumer, 'slow consumer');
      return;
    }
    // Frames written in one go (a batch of messages fanned out) leave in one TCP write, not
    // one system call each: the socket is corked until this tick's work is done.
    if (!this.corked) {
      this.corked = true;
      this.tcp.cork();
      corkedThisTick.push(this);
      if (corkedThisTick.length === 1) process.nextTick(uncorkAll);
    }
    if (framed && this.plainFrames) this.tcp.write(framed);
    else this.socket.send(text);
  }

  /** Ends this tick's cork (uncorkAll): the frames written since leave in one write. */
  uncork(): void {
    this.corked = false;
    this.tcp.uncork();
  }

  send(frame: unknown): void {
    this.sendText(JSON.stringify(frame));
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(code, reason);
    }
  }

  private async receive(text: string, isBinary: boolean): Promise<void> {
    if (isBinary) {
      this.close(closeCodes.protocolError, 'binary frames are not part of the protocol');
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return this.inOrder(
        async () => () =>
          this.replyError(null, { code: 'malformed_json', message: 'the frame is not valid JSON' }),
      );
    }
    const id = requestIdOf(raw);
    const parsed = ClientFrame.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      const field = [...issue.path, ...(unknownKey ? [unknownKey] : [])].join('.') || 'frame';
      const message = unknownKey ? `unknown field "${field}"` : `${field}: ${issue.message}`;
      return this.inOrder(async () => () => this.replyError(id, { code: 'invalid_request', message, field }));
    }
    const frame = parsed.data;
    // Anything but a send waits for the sends before it to be answered (PROTOCOL.md).
    if (frame.type !== 'message.send') await this.replies;
    const started = startFrame(this, frame);
    const replied = this.inOrder(() => this.answer(frame, started));
    // The next frame is read once this one has taken its place (a send: queued).
    await started.catch(() => {});
    if (frame.type !== 'message.send') return replied;
    // Sends do not wait to be stored before the next frame is read: the send batcher stores
    // the ones that gather in one commit, in the order queued. Up to a window; then stop reading.
    this.sendsInFlight += 1;
    void replied.then(() => (this.sendsInFlight -= 1));
    if (this.sendsInFlight >= limits.wsSendsInFlightMax) await replied;
  }

  /** Starts `work` now; writes its reply once every earlier reply is written. */
  private inOrder(work: () => Promise<() => void>): Promise<void> {
    const answered = work();
    return (this.replies = this.replies.then(async () => (await answered)()));
  }

  /** Waits for the frame's outcome; resolves (never rejects) to what writes its reply. */
  private async answer(frame: ClientFrame, started: ReturnType<typeof startFrame>): Promise<() => void> {
    try {
      const result = await (await started).reply;
      return () => this.send({ re: frame.id, ok: result });
    } catch (err) {
      if (err instanceof AppError) {
        return () => {
          this.replyError(frame.id, err.toBody());
          if (err.code === 'unauthenticated' && frame.type === 'hello') {
            this.close(closeCodes.authFailed, 'invalid session token');
          }
          // The session is good but may not be used yet; not 4002, which tells the client to
          // forget the token it still needs for POST /me/password.
          if (err.code === 'password_change_required' && frame.type === 'hello') {
            this.close(closeCodes.passwordChangeRequired, 'password change required');
          }
        };
      }
      this.gateway.log.error({ err, frame: frame.type }, 'frame failed');
      return () => this.replyError(frame.id, { code: 'internal', message: 'internal error' });
    }
  }

  private replyError(re: string | null, error: ErrorBody): void {
    this.send({ re, error });
    // A client that keeps sending garbage is broken or probing; either way, stop reading it.
    if (
      (error.code === 'malformed_json' || error.code === 'invalid_request') &&
      ++this.badFrames >= limits.wsMaxBadFrames
    ) {
      this.close(closeCodes.protocolError, 'too many malformed frames');
    }
  }
}

/** The request id of a frame that failed validation, when it has a usable one. */
function requestIdOf(raw: unknown): string | null {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length > 0 && id.length <= limits.frameIdMax ? id : null;
}
