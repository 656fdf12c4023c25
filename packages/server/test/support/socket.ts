import { expect } from 'vitest';
import WebSocket from 'ws';
import { serverEvents } from '@parley/protocol';
import type { TestServer } from '../../src/testing.ts';
import type { Person } from './factories.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frames are whatever the server sent; each test checks what it cares about
type Json = any;

/** Any frame the server sends: a reply `{ re, ok | error }` or an event `{ event, data }`. */
export interface Frame {
  re?: string | null;
  ok?: Json;
  error?: { code: string; message: string; field?: string };
  event?: string;
  data?: Json;
}

export interface Closed {
  code: number;
  reason: string;
}

export interface ConnectOptions {
  origin?: string;
}

let nextRequestId = 0;

/**
 * A raw `ws` client that records every frame it receives, so a test can wait for one, count
 * them, or check that one never came. Nothing here speaks the protocol for the test.
 */
export class TestSocket {
  readonly frames: Frame[] = [];
  /** Client-side socket errors (kept so that none goes unhandled). */
  readonly errors: Error[] = [];
  readonly closed: Promise<Closed>;
  closeInfo: Closed | null = null;
  private readonly listeners = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        resolve(this.closeInfo);
        this.notify();
      });
    });
    ws.on('error', (err) => this.errors.push(err));
    ws.on('message', (data, isBinary) => {
      const frame: Frame = isBinary
        ? { error: { code: 'binary', message: 'binary frame' } }
        : JSON.parse(data.toString());
      checkEventSchema(frame);
      this.frames.push(frame);
      this.notify();
    });
  }

  /** Opens a socket without saying hello; rejects with the upgrade failure (e.g. "Unexpected server response: 403"). */
  static connect(server: TestServer, options: ConnectOptions = {}): Promise<TestSocket> {
    const ws = new WebSocket(server.wsUrl, options.origin === undefined ? {} : { origin: options.origin });
    const socket = new TestSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(socket));
      ws.once('error', reject);
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends a JSON frame (or a string exactly as given). */
  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Sends a request with a fresh id and resolves with the one reply that names it. */
  async request(type: string, fields: Record<string, unknown> = {}): Promise<Frame> {
    nextRequestId += 1;
    const id = `r${nextRequestId}`;
    this.send({ id, type, ...fields });
    return this.waitFor((f) => f.re === id, `the reply to ${type} ${id}`);
  }

  /** Every event of this name received so far, optionally filtered by its data. */
  events(name: string, where: (data: Json) => boolean = () => true): Frame[] {
    return this.frames.filter((f) => f.event === name && where(f.data));
  }

  /** Resolves with the first frame (already received or still to come) that matches. */
  waitFor(match: (frame: Frame) => boolean, what = 'a matching frame', timeoutMs = 5000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.frames.find(match);
        if (found) {
          done();
          resolve(found);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(`timed out waiting for ${what}; received ${JSON.stringify(this.frames).slice(0, 2000)}`),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const listener = () => void check();
      if (!check()) this.listeners.add(listener);
    });
  }

  /** Waits for an event by name whose data matches. */
  waitForEvent(
    name: string,
    where: (data: Json) => boolean = () => true,
    timeoutMs?: number,
  ): Promise<Frame> {
    return this.waitFor((f) => f.event === name && where(f.data), `event ${name}`, timeoutMs);
  }

  /** Resolves with the close code and reason; fails if the socket is still open after `timeoutMs`. */
  async waitForClose(timeoutMs = 5000): Promise<Closed> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the socket was not closed in time')), timeoutMs);
    });
    try {
      return await Promise.race([this.closed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes from the client side and waits for the closing handshake to finish. */
  async close(): Promise<Closed> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.close(1000);
    return this.waitForClose();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** Opens a socket and says hello with `token`; the hello must succeed. */
export async function openSocket(
  server: TestServer,
  token: string,
  options: ConnectOptions = {},
): Promise<TestSocket & { hello: Frame['ok'] }> {
  const socket = await TestSocket.connect(server, options);
  const reply = await socket.request('hello', { token });
  expect(reply.error, `hello failed: ${JSON.stringify(reply.error)}`).toBeUndefined();
  return Object.assign(socket, { hello: reply.ok });
}

/** Opens a signed-in socket for each person, in the same order. */
export async function openSockets<P extends Person[]>(
  server: TestServer,
  ...persons: P
): Promise<{ [K in keyof P]: TestSocket & { hello: Frame['ok'] } }> {
  return (await Promise.all(persons.map((p) => openSocket(server, p.token)))) as {
    [K in keyof P]: TestSocket & { hello: Frame['ok'] };
  };
}

/** Closes every socket given, ignoring ones already closed. */
export async function closeAll(...sockets: (TestSocket | undefined)[]): Promise<void> {
  await Promise.all(sockets.map((s) => s?.close()));
}

/**
 * Every event any test socket receives must match its schema in packages/protocol: the wire
 * contract is checked on everything the suite sees, not only on what a test looks at
 * (HOUSE.md, habit 7). test/support/setup.ts fails the test that received a stray one.
 */
export const eventSchemaViolations: string[] = [];

function checkEventSchema(frame: Frame): void {
  if (frame.event === undefined) return;
  const schema = (
    serverEvents as Record<string, { safeParse(data: unknown): { success: boolean; error?: unknown } }>
  )[frame.event];
  if (!schema) {
    eventSchemaViolations.push(`unknown event "${frame.event}"`);
    return;
  }
  const result = schema.safeParse(frame.data);
  if (!result.success) eventSchemaViolations.push(`${frame.event}: ${String(result.error)}`);
}
