import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Button } from '../../ui/Button.tsx';
import { toast } from '../../ui/toast.tsx';
import { PasswordFields } from '../auth/PasswordFields.tsx';
import { usePasswordChange } from '../auth/use-password-change.ts';
import styles from './Section.module.css';

/**
 * Current, new and repeated password. The server signs every other device out on success
 * (this one stays signed in), so `onChanged` lets the devices list reload.
 */
export function PasswordForm({ onChanged }: { onChanged(): void }) {
  const { t } = useTranslation('settings');
  const { session } = useSession();
  const username = useSessionState((s) => s.me.username);
  const form = usePasswordChange(
    {
      current: t('password.current'),
      new: t('password.new'),
      confirm: t('password.confirm'),
      currentRequired: t('password.currentRequired'),
      wrong: t('password.wrong'),
    },
    async (current, next) => {
      await session.account.changePassword({ currentPassword: current, newPassword: next });
      toast(t('password.changed'));
      onChanged();
    },
  );

  return (
    <form className={styles.group} onSubmit={form.submit} noValidate>
      <h3 className={styles.heading}>{t('password.heading')}</h3>
      <PasswordFields form={form} username={username} />
      {form.errors.form && (
        <p className={styles.error} role="alert">
          {form.errors.form}
        </p>
      )}
      <p className={styles.note}>{t('password.note')}</p>
      <div className={styles.actions}>
        <Button variant="primary" type="submit" busy={form.busy}>
          {t('password.submit')}
        </Button>
      </div>
    </form>
  );
}
