import type { AdminUser } from '@parley/protocol';
import type { Services } from '../../services.ts';
import { presentTargetUser, targetUser } from './target-user.ts';

/** One account as the console shows it; a deleted one is `not_found`. */
export async function showUser(services: Services, userId: string): Promise<AdminUser> {
  const { db } = services.store;
  return presentTargetUser(db, await targetUser(db, userId));
}
