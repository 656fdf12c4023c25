import type { AuthResult, LoginBody } from '@parley/protocol';
import { dummyHash, verifyPassword } from '../../auth/passwords.ts';
import { AppError } from '../../errors.ts';
import { presentMe, presentSession } from '../../presenters/users.ts';
import { type Services, transact } from '../../services.ts';
import { deleteOtherSessions } from '../../store/sessions.ts';
import { userByUsername } from '../../store/users.ts';
import { type ClientInfo, openSession } from './open-session.ts';

/**
 * Checks a username and password and opens a new device session. Unknown user and wrong
 * password get the same answer in the same time. With PARLEY_SINGLE_SESSION the user's other
 * sessions end in the same transaction and their sockets hear "logged in elsewhere".
 */
export async function logIn(services: Services, input: LoginBody, client: ClientInfo): Promise<AuthResult> {
  const username = input.username.toLowerCase();
  const { loginThrottle, config } = services;
  await loginThrottle.attempt(username, client.ip);
  const user = await userByUsername(services.store.db, username);
  const matches = await verifyPassword(
    input.password,
    user?.password_hash ?? (await dummyHash(config.passwordHashCost)),
  );
  if (!user || !matches) throw new AppError('invalid_credentials', 'wrong username or password');
  await loginThrottle.succeeded(username, client.ip);
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
    return { token, session: presentSession(session, session.id), user: presentMe(user) };
  });
}
