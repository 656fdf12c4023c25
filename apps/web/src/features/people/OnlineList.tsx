import type { OnlineList as List } from '@parley/sdk';
import { useTranslation } from 'react-i18next';
import { useNames } from '../../model/use-names.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { PersonTrigger } from './PersonTrigger.tsx';
import styles from './OnlineList.module.css';

/**
 * "Online — N": who of a room's members is online now, as far as I may see them, in the
 * server's order (by name), each opening their card. The server names at most 200; the rest
 * are counted.
 */
export function OnlineList({ conversationId, list }: { conversationId: string; list: List }) {
  const { t } = useTranslation('people');
  const names = useNames();
  const users = useSessionState((s) => s.users);
  const more = list.total - list.userIds.length;
  return (
    <section className={styles.panel} aria-labelledby="online-title" data-testid="online-list">
      <h2 className={styles.title} id="online-title">
        {t('online.title', { count: list.total })}
      </h2>
      {list.total === 0 ? (
        <p className={styles.empty}>{t('online.none')}</p>
      ) : (
        <ul className={styles.list} aria-labelledby="online-title">
          {list.userIds.map((id) => {
            const user = users[id];
            const name = names(id);
            return (
              <li key={id} data-testid="online-person" data-user-id={id}>
                <PersonTrigger userId={id} groupId={conversationId} className={styles.person}>
                  <Avatar src={user?.avatarSmall} name={user?.displayName ?? name} size={32} online />
                  <span className={styles.names}>
                    <span className={styles.name}>{name}</span>
                    {user && <span className={styles.username}>@{user.username}</span>}
                  </span>
                </PersonTrigger>
              </li>
            );
          })}
        </ul>
      )}
      {more > 0 && <p className={styles.empty}>{t('online.more', { count: more })}</p>}
    </section>
  );
}
