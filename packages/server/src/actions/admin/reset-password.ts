import { randomInt } from 'node:crypto';
import type { PasswordReset } from '@parley/protocol';
import type { Caller } from '../../access/session.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { setResetPassword } from '../../store/admin-users.ts';
import { recordAudit } from '../../store/audit-log.ts';
import { endSessionsOf } from './end-sessions.ts';
import { targetUser } from './target-user.ts';

/**
 * Gives a user who lost their password a temporary one (issue 16). In one transaction the
 * password becomes the new one (hashed like any other), `password_reset_at` is set, every
 * session ends (`session.revoked`, `password_reset`) and the audit log records it. The
 * temporary password is answered once, to the admin, and never stored in the clear. Signing
 * in with it works, but until the user sets a password of their own (POST /me/password) every
 * other route answers `password_change_required` (http/authenticate.ts). An admin changes
 * their own password at POST /me/password, which asks for the current one.
 */
export async function resetPassword(
  services: Services,
  actor: Caller,
  userId: string,
): Promise<PasswordReset> {
  if (userId === actor.user.id) {
    throw new AppError('forbidden', 'change your own password with POST /me/password');
  }
  const temporary = temporaryPassword();
  const passwordHash = await hashPassword(temporary, services.config.passwordHashCost);
  await transact(services, async (tx, emit) => {
    const target = await targetUser(tx, userId);
    await setResetPassword(tx, target.id, passwordHash, now());
    await endSessionsOf(tx, emit, target.id, 'password_reset');
    await recordAudit(tx, {
      actorId: actor.user.id,
      action: 'user.reset_password',
      targetType: 'user',
      targetId: target.id,
      targetLabel: target.username,
    });
  });
  return { temporaryPassword: temporary };
}

/**
 * Lower-case letters and digits without the look-alikes (0/o, 1/l/i): easy to read out or
 * copy by hand. 16 of 31 symbols from the CSPRNG is about 79 bits, written in groups of four
 * ("k7mq-x2pa-…").
 */
const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

function temporaryPassword(): string {
  const chars = Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]!);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
