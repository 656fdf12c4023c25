import { LogOut, Plus, Settings, ShieldCheck, UserPlus, Users, UsersRound } from 'lucide-react';
import { Suspense, lazy, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { IconButton } from '../../ui/Button.tsx';
import { Menu, MenuItem, MenuSeparator } from '../../ui/Menu.tsx';
import styles from './ProfileCard.module.css';

// The dialogs are loaded the first time one is opened: they are not needed to show the chats.
const AddFriendDialog = lazy(() =>
  import('../contacts/AddFriendDialog.tsx').then((m) => ({ default: m.AddFriendDialog })),
);
const CreateGroupDialog = lazy(() =>
  import('../groups/CreateGroupDialog.tsx').then((m) => ({ default: m.CreateGroupDialog })),
);
const JoinGroupDialog = lazy(() =>
  import('../groups/JoinGroupDialog.tsx').then((m) => ({ default: m.JoinGroupDialog })),
);
const SettingsDialog = lazy(() =>
  import('../settings/SettingsDialog.tsx').then((m) => ({ default: m.SettingsDialog })),
);
const AdminConsole = lazy(() =>
  import('../admin/AdminConsole.tsx').then((m) => ({ default: m.AdminConsole })),
);

type Open = 'addFriend' | 'joinGroup' | 'createGroup' | 'settings' | 'admin' | null;

/**
 * Me (picture, name, @username) and the menu of things to start: friends, groups, settings,
 * and for a server admin the admin console.
 */
export function ProfileCard() {
  const { t } = useTranslation();
  const app = useApp();
  const me = useSessionState((s) => s.me);
  const [open, setOpen] = useState<Open>(null);
  const close = (o: boolean) => !o && setOpen(null);
  return (
    <header className={styles.card}>
      <button
        type="button"
        className={styles.me}
        onClick={() => setOpen('settings')}
        aria-label={t('menu.profile')}
      >
        <Avatar src={me.avatarSmall} name={me.displayName} size={42} />
        <span className={styles.names}>
          <strong data-testid="my-name">{me.displayName}</strong>
          <span>@{me.username}</span>
        </span>
      </button>
      <Menu
        trigger={
          <IconButton label={t('menu.addFriend') + ' / ' + t('menu.createGroup')}>
            <Plus size={20} />
          </IconButton>
        }
      >
        <MenuItem onSelect={() => setOpen('addFriend')}>
          <UserPlus size={17} aria-hidden="true" /> {t('menu.addFriend')}
        </MenuItem>
        <MenuItem onSelect={() => setOpen('createGroup')}>
          <UsersRound size={17} aria-hidden="true" /> {t('menu.createGroup')}
        </MenuItem>
        <MenuItem onSelect={() => setOpen('joinGroup')}>
          <Users size={17} aria-hidden="true" /> {t('menu.joinGroup')}
        </MenuItem>
        <MenuSeparator />
        <MenuItem onSelect={() => setOpen('settings')}>
          <Settings size={17} aria-hidden="true" /> {t('menu.profile')}
        </MenuItem>
        {me.role === 'admin' && (
          <MenuItem onSelect={() => setOpen('admin')}>
            <ShieldCheck size={17} aria-hidden="true" /> {t('admin:open')}
          </MenuItem>
        )}
        <MenuItem onSelect={() => void app.signOut()}>
          <LogOut size={17} aria-hidden="true" /> {t('menu.signOut')}
        </MenuItem>
      </Menu>
      <Suspense fallback={null}>
        {open === 'addFriend' && <AddFriendDialog open onOpenChange={close} />}
        {open === 'createGroup' && <CreateGroupDialog open onOpenChange={close} />}
        {open === 'joinGroup' && <JoinGroupDialog open onOpenChange={close} />}
        {open === 'settings' && <SettingsDialog open onOpenChange={close} />}
        {open === 'admin' && <AdminConsole open onOpenChange={close} />}
      </Suspense>
    </header>
  );
}
