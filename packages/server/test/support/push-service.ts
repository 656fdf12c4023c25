import { createECDH, createPublicKey, randomBytes, verify } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt } from 'http_ece';
import { expect } from 'vitest';

/**
 * A push service stand-in on loopback (what Google's, Mozilla's or Apple's is to a browser):
 * it takes the server's push requests as RFC 8030 says they come and answers 201, or whatever
 * status a test sets for an endpoint. It knows nothing of Parley; what it received is opened
 * by a TestDevice, with the keys only that device holds.
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

  /** Decrypts a push with this device's private key and auth secret (RFC 8291, aes128gcm). */
  open(push: PushRequest): unknown {
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    const plain = decrypt(push.body, { version: 'aes128gcm', privateKey: this.ecdh, authSecret: this.auth });
    return JSON.parse(plain.toString('utf8'));
  }
}

/**
 * Checks a push's VAPID Authorization (RFC 8292), `vapid t=<JWT>, k=<public key>`: the key is
 * the server's, the JWT is signed by it (ES256), names the endpoint's origin as its audience,
 * has not expired and says whom to contact. Returns the JWT's claims.
 */
export function checkVapid(push: PushRequest, endpoint: string, serverPublicKey: string) {
  const header = push.headers.authorization ?? '';
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header);
  expect(match, `Authorization: ${header}`).not.toBeNull();
  const [, jwt, k] = match!;
  expect(k).toBe(serverPublicKey);
  const [head, body, signature] = jwt!.split('.') as [string, string, string];
  expect(JSON.parse(Buffer.from(head, 'base64url').toString())).toMatchObject({ alg: 'ES256' });
  const point = Buffer.from(k!, 'base64url');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const signed = verify(
    'sha256',
    Buffer.from(`${head}.${body}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  expect(signed, 'the JWT is signed with the server key').toBe(true);
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as {
    aud: string;
    exp: number;
    sub: string;
  };
  expect(claims.aud).toBe(new URL(endpoint).origin);
  expect(claims.exp * 1000).toBeGreaterThan(Date.now());
  expect(claims.sub).toMatch(/^(mailto:|https:)/);
  return claims;
}
