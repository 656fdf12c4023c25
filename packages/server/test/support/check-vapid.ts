import { createPublicKey, verify } from 'node:crypto';
import { expect } from 'vitest';
import type { PushRequest } from './push-service.ts';

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
