import type { PublicUser } from '@parley/protocol';
import { AppError } from '../../errors.ts';
import { presentUser } from '../../presenters/users.ts';
import type { Services } from '../../services.ts';
import { userById, userByUsername } from '../../store/users.ts';

export async function findUserById(services: Services, id: string): Promise<PublicUser> {
  const row = await userById(services.store.db, id);
  if (!row) throw new AppError('not_found', 'no such user');
  return presentUser(row);
}

export async function findUserByUsername(services: Services, username: string): Promise<PublicUser> {
  const row = await userByUsername(services.store.db, username.toLowerCase());
  if (!row) throw new AppError('not_found', `no user is called "${username}"`);
  return presentUser(row);
}
