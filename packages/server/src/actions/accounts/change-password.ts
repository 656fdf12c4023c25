import type { ChangePasswordBody } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { clearPasswordReset } from '../../store/admin-users.ts';
import { deleteOtherSessions } from '../../store/sessions.ts';
import { updateUser } from '../../store/users.ts';

/**
 * Sets a new password after checking the current one, and signs out every other device: a
 * password change is what a user does when they fear someone else has it. Wrong guesses
 * count against the same throttle as logins, so a stolen token cannot brute-force it.
 * After an admin's reset, this (with the temporary password as the current one) is how the
 * user gets their account back: `password_reset_at` is cleared.
 */
export async function changePassword(
  services: Services,
  actor: Actor,
  input: ChangePasswordBody,
  ip: string,
): Promise<void> {
  const { loginThrottle, config } = services;
  const attempt = await loginThrottle.attempt(actor.user.username, ip);
  if (!(await verifyPassword(input.currentPassword, actor.user.password_hash))) {
    throw new AppError('wrong_password', 'the current password is wrong', { field: 'currentPassword' });
  }
  await attempt.succeeded();
  // The admin who reset it knows the temporary password: keeping it would defeat the reset.
  if (actor.user.password_reset_at !== null && input.newPassword === input.currentPassword) {
    throw new AppError('invalid_request', 'choose a password other than the temporary one', {
      field: 'newPassword',
    });
  }
  const passwordHash = await hashPassword(input.newPassword, config.passwordHashCost);
  await transact(services, async (tx, emit) => {
    await updateUser(tx, actor.user.id, { password_hash: passwordHash, updated_at: now() });
    // A password of their own: the gate an admin's reset put up lifts.
    if (actor.user.password_reset_at !== null) await clearPasswordReset(tx, actor.user.id);
    const revoked = await deleteOtherSessions(tx, actor.user.id, actor.session.id);
    for (const sessionId of revoked) {
      emit({
        to: { sessions: [sessionId] },
        event: { event: 'session.revoked', data: { sessionId, reason: 'password_changed' } },
      });
    }
  });
}
