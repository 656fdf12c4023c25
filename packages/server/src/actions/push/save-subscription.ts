import { createECDH } from 'node:crypto';
import type { PushSubscriptionBody } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { checkEndpoint } from '../../push/endpoint.ts';
import type { Services } from '../../services.ts';
import { saveSubscription } from '../../store/push-subscriptions.ts';

/**
 * Makes `body` the caller's session's push subscription, replacing the one it had. It belongs
 * to the session, not only the user: when the session ends, the subscription goes with it
 * (the migration's cascade), and the device stops hearing this account's messages.
 */
export async function saveSessionSubscription(
  services: Services,
  actor: Actor,
  body: PushSubscriptionBody,
): Promise<void> {
  checkEndpoint(body.endpoint, services.config.pushHttpLoopback);
  refuseOffCurve(body.keys.p256dh);
  await saveSubscription(services.store.db, {
    session_id: actor.session.id,
    user_id: actor.user.id,
    endpoint: body.endpoint,
    p256dh: body.keys.p256dh.replace(/=+$/, ''),
    auth: body.keys.auth.replace(/=+$/, ''),
    created_at: now(),
  });
}

/** A key that is not a P-256 point would fail every push later; say so now, where it came from. */
function refuseOffCurve(p256dh: string): void {
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    ecdh.computeSecret(Buffer.from(p256dh, 'base64url'));
  } catch {
    throw new AppError('invalid_request', 'keys.p256dh: not a P-256 public key', { field: 'keys.p256dh' });
  }
}
