import { createDecipheriv, createECDH, createHmac, randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What a browser's push service (Google's, Mozilla's, Apple's) is to the browser tests: a
 * stand-in on loopback that takes the Parley server's Web Push requests and keeps them. The
 * test's "device" holds the subscription's private key and auth secret, and decrypts what
 * arrived (RFC 8291) as the browser would before handing it to the service worker.
 */
export class PushServiceStandIn {
  private readonly received: { path: string; body: Buffer }[] = [];
  private listeners: (() => void)[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<PushServiceStandIn> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const standIn = new PushServiceStandIn(
      server,
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    );
    server.on('request', (request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        standIn.received.push({ path: request.url ?? '', body: Buffer.concat(chunks) });
        response.writeHead(201).end();
        const listeners = standIn.listeners;
        standIn.listeners = [];
        for (const listener of listeners) listener();
      });
    });
    return standIn;
  }

  /** A new subscription at this service, as a browser's pushManager.subscribe would make. */
  device(name: string): PushDevice {
    return new PushDevice(`${this.url}/push/${name}-${randomBytes(4).toString('hex')}`);
  }

  /** Resolves with the body of the first push that reached `device`. */
  async nextFor(device: PushDevice): Promise<Buffer> {
    for (;;) {
      const found = this.received.find((r) => r.path === new URL(device.endpoint).pathname);
      if (found) return found.body;
      await new Promise<void>((resolve) => this.listeners.push(resolve));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export class PushDevice {
  private readonly ecdh = createECDH('prime256v1');
  private readonly auth = randomBytes(16);

  constructor(readonly endpoint: string) {
    this.ecdh.generateKeys();
  }

  /** What `PushSubscription.toJSON()` gives. */
  get subscription() {
    return {
      endpoint: this.endpoint,
      expirationTime: null,
      keys: { p256dh: this.ecdh.getPublicKey().toString('base64url'), auth: this.auth.toString('base64url') },
    };
  }

  /** RFC 8291 / RFC 8188 aes128gcm, one record: what the browser does before the push event. */
  decrypt(body: Buffer): string {
    const salt = body.subarray(0, 16);
    const idLength = body.readUInt8(20);
    const senderKey = body.subarray(21, 21 + idLength);
    const ciphertext = body.subarray(21 + idLength);
    const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();
    const secret = this.ecdh.computeSecret(senderKey);
    const keyInfo = Buffer.concat([
      Buffer.from('WebPush: info\0'),
      this.ecdh.getPublicKey(),
      senderKey,
      Buffer.of(1),
    ]);
    const ikm = hmac(hmac(this.auth, secret), keyInfo);
    const prk = hmac(salt, ikm);
    const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
    const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
    const padded = Buffer.concat([
      decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
      decipher.final(),
    ]);
    // The last record ends with the delimiter 2, then zero padding.
    return padded.subarray(0, padded.lastIndexOf(2)).toString('utf8');
  }
}
