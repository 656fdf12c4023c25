import { useTranslation } from 'react-i18next';
import { nameOf } from './contacts.ts';
import { useSession } from './app-context.ts';
import { useValue } from './use-value.ts';
import type { NameOf } from '../util/message-preview.ts';

/** Names users by id the way I know them: "You", my remark for a friend, else their display name. */
export function useNames(): NameOf {
  const session = useSession();
  const { t } = useTranslation();
  useValue(session.people.version);
  useValue(session.contacts.friends);
  const me = session.me.get().id;
  return (userId) => {
    if (userId === null) return '';
    if (userId === me) return t('you');
    const friend = session.contacts.friend(userId);
    if (friend) return nameOf(friend);
    return session.people.get(userId)?.displayName ?? '…';
  };
}
