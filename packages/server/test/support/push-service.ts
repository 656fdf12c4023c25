// The web client's browser tests import this file too, and their TypeScript project finds
// http_ece's types only through this reference.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- see the line above
/// <reference path="./http_ece.d.ts" />
import { createECDH, randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt } from 'http_ece';

/**
 * A push service stand-in on loopback (what Google's, Mozilla's or Apple's is to a browser):
 * it takes the server's push requests as RFC 8030 says they come and answers 201, or whatever
 * status a test sets for an endpoint. It knows nothing of Parley; what it received is opened
 * by a TestDevice, with the keys only that device holds.
 *
 * The server's API tests (vitest) and the web client's browser tests (Playwright) both use it,
 * so it imports neither runner: a check that fails throws (see check-vapid.ts for the
 * server's own assertions on what arrived).
 */
export interface PushRequest {
  /** The endpoint's path: which device it was for. */
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export class PushServiceStandIn {
  readonly received: PushRequest[] = [];
  private readonly statuses = new Map<string, number>();
  private listeners: (() => void)[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<PushServiceStandIn> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const standIn = new PushServiceStandIn(server, `http://127.0.0.1:${port}`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => standIn.take(request, Buffer.concat(chunks), response));
    });
    return standIn;
  }

  private take(request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    const path = request.url ?? '';
    this.received.push({ path, headers: request.headers, body });
    response.writeHead(this.statuses.get(path) ?? 201).end();
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }

  /** Answers `status` to every push for this endpoint from now on (410: the subscription ended). */
  answer(endpoint: string, status: number): void {
    this.statuses.set(new URL(endpoint).pathname, status);
  }

  /** What arrived for the device so far. */
  for(device: TestDevice): PushRequest[] {
    return this.received.filter((r) => r.path === new URL(device.endpoint).pathname);
  }

  /** Resolves with the device's `count`th push (1-based) once it has arrived. */
  async waitFor(device: TestDevice, count = 1): Promise<PushRequest> {
    while (this.for(device).length < count) {
      await new Promise<void>((resolve) => this.listeners.push(resolve));
    }
    return this.for(device)[count - 1]!;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let devices = 0;

/**
 * A browser's push subscription: a P-256 key pair and an auth secret made here, as the browser
 * makes them, with an endpoint at the stand-in. `subscription` is what
 * `PushSubscription.toJSON()` would give the web client to send to the server.
 */
export class TestDevice {
  readonly ecdh = createECDH('prime256v1');
  readonly auth = randomBytes(16).toString('base64url');
  readonly endpoint: string;

  constructor(service: PushServiceStandIn, name: string) {
    this.ecdh.generateKeys();
    devices += 1;
    this.endpoint = `${service.url}/push/${name}-${devices}`;
  }

  get subscription() {
    return {
      endpoint: this.endpoint,
      expirationTime: null,
      keys: { p256dh: this.ecdh.getPublicKey().toString('base64url'), auth: this.auth },
    };
  }

  /**
   * Decrypts a push with this device's private key and auth secret (RFC 8291, aes128gcm), as the
   * browser does before it hands the payload to the service worker; throws for another device's.
   */
  decrypt(push: PushRequest): string {
    const encoding = push.headers['content-encoding'];
    if (encoding !== 'aes128gcm') throw new Error(`Content-Encoding is ${encoding}, not aes128gcm`);
    const plain = decrypt(push.body, { version: 'aes128gcm', privateKey: this.ecdh, authSecret: this.auth });
    return plain.toString('utf8');
  }

  /** The push's payload, decrypted and parsed. */
  open(push: PushRequest): unknown {
    return JSON.parse(this.decrypt(push));
  }
}
