import type { ChangePasswordBody } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { deleteOtherSessions } from '../../store/sessions.ts';
import { updateUser } from '../../store/users.ts';

/**
 * Sets a new password after checking the current one, and signs out every other device: a
 * password change is what a user does when they fear someone else has it. Wrong guesses
 * count against the same throttle as logins, so a stolen token cannot brute-force it.
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
  const passwordHash = await hashPassword(input.newPassword, config.passwordHashCost);
  await transact(services, async (tx, emit) => {
    await updateUser(tx, actor.user.id, { password_hash: passwordHash, updated_at: now() });
    const revoked = await deleteOtherSessions(tx, actor.user.id, actor.session.id);
    for (const sessionId of revoked) {
      emit({
        to: { sessions: [sessionId] },
        event: { event: 'session.revoked', data: { sessionId, reason: 'password_changed' } },
      });
    }
  });
}
