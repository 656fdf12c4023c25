import type { AdminGroup } from '@parley/protocol';
import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../../ui/Avatar.tsx';
import { IconButton } from '../../ui/Button.tsx';
import { toast } from '../../ui/toast.tsx';
import { listTime } from '../../util/format-time.ts';
import { ConfirmDialog } from '../groups/ConfirmDialog.tsx';
import styles from './AdminConsole.module.css';
import { useAdmin } from './use-admin.ts';

/** One group: picture, name, members, owner and last activity; dissolving it is asked first. */
export function GroupRow({ group, onDissolved }: { group: AdminGroup; onDissolved(): void }) {
  const { t } = useTranslation('admin');
  const admin = useAdmin();
  const [asking, setAsking] = useState(false);
  const owner = group.owner
    ? t('groups.owner', { name: group.owner.displayName, username: group.owner.username })
    : t('groups.noOwner');
  const active = group.lastMessageAt
    ? t('groups.lastMessage', { when: listTime(group.lastMessageAt) })
    : t('groups.noMessages');
  return (
    <li className={styles.row} data-testid="admin-group">
      <Avatar src={group.avatarSmall} name={group.name} size={40} />
      <div className={styles.rowText}>
        <div className={styles.nameLine}>
          <span className={styles.name}>{group.name}</span>
        </div>
        <span className={styles.meta}>
          {[t('groups.members', { count: group.memberCount }), owner, active].join(' · ')}
        </span>
      </div>
      <IconButton label={t('groups.dissolve', { name: group.name })} onClick={() => setAsking(true)}>
        <Trash2 size={17} />
      </IconButton>
      {asking && (
        <ConfirmDialog
          open
          onOpenChange={setAsking}
          title={t('groups.dissolveTitle', { name: group.name })}
          message={t('groups.dissolveMessage', { count: group.memberCount })}
          action={t('groups.dissolveConfirm')}
          onConfirm={async () => {
            await admin.dissolveGroup(group.id);
            onDissolved();
            toast(t('groups.dissolved', { name: group.name }));
          }}
        />
      )}
    </li>
  );
}
