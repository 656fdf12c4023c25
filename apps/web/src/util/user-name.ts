import type { PublicUser } from '@parley/protocol';
import { i18next } from '../i18n/index.ts';

/**
 * A user's display name as shown: a deleted account (PublicUser.deleted) is "Deleted user" in
 * the reader's language, not the server's English.
 */
export function userName(user: Pick<PublicUser, 'displayName' | 'deleted'>): string {
  return user.deleted ? i18next.t('common:deletedUser') : user.displayName;
}
