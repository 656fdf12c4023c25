import type { AdminUser } from '@parley/protocol';
import { KeyRound, MoreHorizontal, ShieldCheck, ShieldOff, UserCheck, UserX } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconButton } from '../../ui/Button.tsx';
import { Menu, MenuItem } from '../../ui/Menu.tsx';
import { toast } from '../../ui/toast.tsx';
import { errorText } from '../../util/error-text.ts';
import { ConfirmDialog } from '../groups/ConfirmDialog.tsx';
import { ResetPasswordDialog } from './ResetPasswordDialog.tsx';
import { useAdmin } from './use-admin.ts';

type Asking = 'disable' | 'reset' | 'role' | null;

/**
 * What an admin does to an account, from its row's menu: disable (asked first: every device is
 * signed out at once) or enable, reset the password (ResetPasswordDialog), make or stop being
 * an admin (asked first). Each answer is the account as it is now, for the row.
 */
export function UserActions({ user, onChanged }: { user: AdminUser; onChanged(user: AdminUser): void }) {
  const { t } = useTranslation('admin');
  const admin = useAdmin();
  const [asking, setAsking] = useState<Asking>(null);
  const close = (open: boolean) => !open && setAsking(null);
  const name = `@${user.username}`;
  const promote = user.role !== 'admin';

  const enable = () =>
    admin.enableUser(user.id).then(
      (changed) => {
        onChanged(changed);
        toast(t('users.enabled', { name }));
      },
      (err: unknown) => toast(errorText(err), 'error'),
    );

  return (
    <>
      <Menu
        trigger={
          <IconButton label={t('users.actions', { name })}>
            <MoreHorizontal size={18} />
          </IconButton>
        }
      >
        {user.disabledAt ? (
          <MenuItem onSelect={() => void enable()}>
            <UserCheck size={16} aria-hidden="true" /> {t('users.enable')}
          </MenuItem>
        ) : (
          <MenuItem danger onSelect={() => setAsking('disable')}>
            <UserX size={16} aria-hidden="true" /> {t('users.disable')}
          </MenuItem>
        )}
        <MenuItem onSelect={() => setAsking('reset')}>
          <KeyRound size={16} aria-hidden="true" /> {t('users.resetPassword')}
        </MenuItem>
        <MenuItem onSelect={() => setAsking('role')}>
          {promote ? (
            <ShieldCheck size={16} aria-hidden="true" />
          ) : (
            <ShieldOff size={16} aria-hidden="true" />
          )}{' '}
          {t(promote ? 'users.makeAdmin' : 'users.removeAdmin')}
        </MenuItem>
      </Menu>
      {asking === 'disable' && (
        <ConfirmDialog
          open
          onOpenChange={close}
          title={t('users.disableTitle', { name })}
          message={t('users.disableMessage')}
          action={t('users.disableConfirm')}
          onConfirm={async () => {
            onChanged(await admin.disableUser(user.id));
            toast(t('users.disabledDone', { name }));
          }}
        />
      )}
      {asking === 'role' && (
        <ConfirmDialog
          open
          onOpenChange={close}
          title={t(promote ? 'users.makeAdminTitle' : 'users.removeAdminTitle', { name })}
          message={t(promote ? 'users.makeAdminMessage' : 'users.removeAdminMessage')}
          action={t(promote ? 'users.makeAdminConfirm' : 'users.removeAdminConfirm')}
          onConfirm={async () => onChanged(await admin.setRole(user.id, promote ? 'admin' : 'member'))}
        />
      )}
      {asking === 'reset' && (
        <ResetPasswordDialog user={user} onClose={() => setAsking(null)} onChanged={onChanged} />
      )}
    </>
  );
}
