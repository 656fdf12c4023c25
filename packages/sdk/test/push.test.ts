import { createECDH, randomBytes } from 'node:crypto';
import { ServerInfo } from '@parley/protocol';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/people.ts';

/** A browser's subscription as `PushSubscription.toJSON()` gives it (keys made here). */
function browserSubscription(endpoint: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    endpoint,
    expirationTime: null,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
}

describe('push subscriptions through the SDK', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server?.close());

  it("hands this device's subscription to the server, reads it back and withdraws it", async () => {
    const bob = await signUp(server, 'bob_push');
    const info = ServerInfo.parse(await bob.http.serverInfo());
    expect(Buffer.from(info.vapidPublicKey, 'base64url')).toHaveLength(65);

    const endpoint = 'https://push.example.com/send/abc123';
    await bob.http.push.subscribe(browserSubscription(endpoint));
    expect(await bob.http.push.subscription()).toEqual({ endpoint });
    await bob.http.push.unsubscribe();
    expect(await bob.http.push.subscription()).toEqual({ endpoint: null });
  });

  it('a refused subscription rejects with the field at fault', async () => {
    const bob = await signUp(server, 'bob_push2');
    await expect(
      bob.http.push.subscribe(browserSubscription('https://127.0.0.1/push')),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'endpoint',
    });
  });
});
