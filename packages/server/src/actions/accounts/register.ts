import type { AuthResult, RegisterBody } from '@parley/protocol';
import { issueKnownDevice } from '../../auth/known-device.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { hashToken } from '../../auth/tokens.ts';
import { AppError } from '../../errors.ts';
import { newId, now } from '../../ids.ts';
import { presentMe, presentSession } from '../../presenters/users.ts';
import { type Services, transact } from '../../services.ts';
import { isUniqueViolation } from '../../store/errors.ts';
import { consumeInvite } from '../../store/invites.ts';
import { anyUserExists, insertUser, lockRegistrations, userByUsername } from '../../store/users.ts';
import type { UserRow } from '../../store/tables.ts';
import { joinLobby } from '../conversations/join-lobby.ts';
import { type ClientInfo, openSession } from './open-session.ts';

/**
 * Creates an account and signs it in. The first account on a fresh server becomes its admin
 * and is allowed whatever the registration policy, so a closed server can still be set up.
 */
export async function register(
  services: Services,
  input: RegisterBody,
  client: ClientInfo,
): Promise<AuthResult> {
  const username = input.username.toLowerCase();
  // Cheap refusals first: scrypt costs ~100 MiB and a third of a second, and must not be
  // spent on a request that the checks below (repeated in the transaction) would refuse.
  await refuseEarly(services, username, input.inviteCode);
  const passwordHash = await hashPassword(input.password, services.config.passwordHashCost);
  try {
    return await transact(services, async (tx, emit) => {
      await lockRegistrations(tx, services.store.dialect);
      const first = !(await anyUserExists(tx));
      const policy = services.config.registration;
      if (!first) checkPolicy(policy, input.inviteCode);
      if (await userByUsername(tx, username)) throw usernameTaken(username);
      const at = now();
      const user: UserRow = {
        id: newId(),
        username,
        display_name: input.displayName.trim(),
        password_hash: passwordHash,
        bio: '',
        avatar: null,
        avatar_small: null,
        role: first ? 'admin' : 'member',
        created_at: at,
        updated_at: at,
        last_seen_at: null,
        read_receipts: 1,
        presence_visible_to: 'everyone',
        push_preview: 1,
        deleted_at: null,
        disabled_at: null,
        password_reset_at: null,
      };
      await insertUser(tx, user);
      if (
        !first &&
        policy === 'invite' &&
        !(await consumeInvite(tx, hashToken(input.inviteCode!), user.id, at))
      ) {
        throw new AppError('invite_invalid', 'the invite code is unknown, used or expired', {
          field: 'inviteCode',
        });
      }
      if (services.config.lobby) await joinLobby(tx, emit, user.id);
      const { token, session } = await openSession(tx, user.id, input.deviceName, client);
      return {
        token,
        session: presentSession(session, session.id),
        user: presentMe(user),
        knownDevice: issueKnownDevice(user),
      };
    });
  } catch (err) {
    // Two registrations raced for one name; the loser hears the same answer as a later one.
    if (isUniqueViolation(err)) throw usernameTaken(username);
    throw err;
  }
}

async function refuseEarly(
  services: Services,
  username: string,
  inviteCode: string | undefined,
): Promise<void> {
  const db = services.store.db;
  const policy = services.config.registration;
  if (policy !== 'open' && (await anyUserExists(db))) checkPolicy(policy, inviteCode);
  if (await userByUsername(db, username)) throw usernameTaken(username);
}

/** Refuses by the server's registration policy; the first account is never asked. */
function checkPolicy(policy: Services['config']['registration'], inviteCode: string | undefined): void {
  if (policy === 'closed')
    throw new AppError('registration_closed', 'this server does not accept new accounts');
  if (policy === 'invite' && !inviteCode) {
    throw new AppError('invite_invalid', 'this server needs an invite code to register', {
      field: 'inviteCode',
    });
  }
}

function usernameTaken(username: string): AppError {
  return new AppError('username_taken', `the username "${username}" is taken`, { field: 'username' });
}
