import type { AuthResult, LoginBody } from '@parley/protocol';
import { issueKnownDevice, knownDeviceOf } from '../../auth/known-device.ts';
import { dummyHash, verifyPassword } from '../../auth/passwords.ts';
import { AppError } from '../../errors.ts';
import { presentMe, presentSession } from '../../presenters/users.ts';
import { type Services, transact } from '../../services.ts';
import { deleteOtherSessions } from '../../store/sessions.ts';
import { userByUsername } from '../../store/users.ts';
import { type ClientInfo, openSession } from './open-session.ts';

/**
 * Checks a username and password and opens a new device session. Unknown user and wrong
 * password get the same answer in the same time. Guesses are throttled per account and address
 * (auth/login-throttle.ts); a device that signed in to this account before says so with its
 * `knownDevice` value and is throttled on its own (auth/known-device.ts). With
 * PARLEY_SINGLE_SESSION the user's other sessions end in the same transaction and their
 * sockets hear "logged in elsewhere". An account an admin disabled answers `account_disabled`,
 * but only after the right password.
 */
export async function logIn(services: Services, input: LoginBody, client: ClientInfo): Promise<AuthResult> {
  const username = input.username.toLowerCase();
  const { loginThrottle, config } = services;
  const user = await userByUsername(services.store.db, username);
  const device = knownDeviceOf(input.knownDevice, user);
  const attempt = await loginThrottle.attempt(username, client.ip, device);
  const matches = await verifyPassword(
    input.password,
    user?.password_hash ?? (await dummyHash(config.passwordHashCost)),
  );
  if (!user || !matches) throw new AppError('invalid_credentials', 'wrong username or password');
  await attempt.succeeded();
  // Said only to someone who knows the password, so it tells a stranger nothing.
  if (user.disabled_at !== null) throw new AppError('account_disabled', 'an admin has disabled this account');
  // The same value again for a device that brought one: it stays known under the same id.
  const knownDevice = device !== null ? input.knownDevice! : issueKnownDevice(user);
  return transact(services, async (tx, emit) => {
    const { token, session } = await openSession(tx, user.id, input.deviceName, client);
    if (config.singleSession) {
      const revoked = await deleteOtherSessions(tx, user.id, session.id);
      for (const sessionId of revoked) {
        emit({
          to: { sessions: [sessionId] },
          event: { event: 'session.revoked', data: { sessionId, reason: 'logged_in_elsewhere' } },
        });
      }
    }
    return { token, session: presentSession(session, session.id), user: presentMe(user), knownDevice };
  });
}
