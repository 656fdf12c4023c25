import type { AdminUser } from '@parley/protocol';
import { useTranslation } from 'react-i18next';
import { useSessionState } from '../../model/use-session-state.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { formatSize } from '../../util/format-size.ts';
import { listTime } from '../../util/format-time.ts';
import styles from './AdminConsole.module.css';
import { UserActions } from './UserActions.tsx';

/**
 * One account in the users list: picture, name, @username, role, whether it is disabled or
 * waiting for a new password; when last seen, its devices and the storage it takes; and what
 * an admin may do to it (not to their own account: that is Settings' job).
 */
export function UserRow({ user, onChanged }: { user: AdminUser; onChanged(user: AdminUser): void }) {
  const { t } = useTranslation('admin');
  const myId = useSessionState((s) => s.me.id);
  const seen = user.lastSeenAt
    ? t('users.lastSeen', { when: listTime(user.lastSeenAt) })
    : t('users.neverSeen');
  return (
    <li className={styles.row} data-testid="admin-user" data-username={user.username}>
      <Avatar src={user.avatarSmall} name={user.displayName} size={40} />
      <div className={styles.rowText}>
        <div className={styles.nameLine}>
          <span className={styles.name}>{user.displayName}</span>
          <span className={styles.username}>@{user.username}</span>
          {user.role === 'admin' && (
            <span className={`${styles.chip} ${styles.chipAdmin}`}>{t('users.admin')}</span>
          )}
          {user.disabledAt && (
            <span className={`${styles.chip} ${styles.chipDanger}`}>{t('users.disabled')}</span>
          )}
          {user.mustChangePassword && <span className={styles.chip}>{t('users.mustChange')}</span>}
        </div>
        <span className={styles.meta}>
          {[seen, t('users.sessions', { count: user.sessions }), formatSize(user.storageBytes)].join(' · ')}
        </span>
      </div>
      {user.id !== myId && <UserActions user={user} onChanged={onChanged} />}
    </li>
  );
}
