import type { AdminUser } from '@parley/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { errorText } from '../../util/error-text.ts';
import styles from './AdminConsole.module.css';
import { OneTimeSecret } from './OneTimeSecret.tsx';
import { useAdmin } from './use-admin.ts';

/**
 * Resetting someone's password, in two steps: what it does (every device signed out, a
 * one-time password for the admin to hand over, a new password chosen at the next sign-in),
 * then that password, shown this once with a copy button.
 */
export function ResetPasswordDialog({
  user,
  onClose,
  onChanged,
}: {
  user: AdminUser;
  onClose(): void;
  onChanged(user: AdminUser): void;
}) {
  const { t } = useTranslation('admin');
  const admin = useAdmin();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [temporary, setTemporary] = useState<string | null>(null);
  const name = `@${user.username}`;

  async function reset() {
    setBusy(true);
    setError(null);
    try {
      const { temporaryPassword } = await admin.resetPassword(user.id);
      setTemporary(temporaryPassword);
      // The row shows the account as it is now: waiting for a new password, no devices.
      onChanged(await admin.user(user.id).catch(() => ({ ...user, mustChangePassword: true, sessions: 0 })));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onOpenChange={(open) => !open && !busy && onClose()} title={t('reset.title', { name })}>
      <div className={styles.part}>
        {temporary === null ? (
          <>
            <p className={styles.meta}>{t('reset.message')}</p>
            {error && (
              <p className={styles.error} role="alert">
                {error}
              </p>
            )}
            <div className={styles.actions}>
              <Button onClick={onClose} disabled={busy}>
                {t('common:cancel')}
              </Button>
              <Button variant="danger" busy={busy} onClick={() => void reset()}>
                {t('reset.confirm')}
              </Button>
            </div>
          </>
        ) : (
          <>
            <p className={styles.meta}>{t('reset.done', { name })}</p>
            <OneTimeSecret label={t('reset.temporary')} value={temporary} />
            <p className={styles.note}>{t('reset.once')}</p>
            <div className={styles.actions}>
              <Button variant="primary" onClick={onClose}>
                {t('done')}
              </Button>
            </div>
          </>
        )}
      </div>
    </Dialog>
  );
}
