import { LogOut } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../model/app-context.ts';
import { Button } from '../../ui/Button.tsx';
import { LanguageSwitch } from '../settings/LanguageSwitch.tsx';
import styles from './AuthScreen.module.css';
import { PasswordFields } from './PasswordFields.tsx';
import { usePasswordChange } from './use-password-change.ts';

/**
 * "Choose a new password", the only screen after signing in with a password an admin reset
 * (Me.mustChangePassword): the temporary password, the new one twice, and Sign out. On
 * success the app goes on signed in (AppModel.choosePassword).
 */
export function NewPasswordScreen({ username }: { username: string }) {
  const { t } = useTranslation('auth');
  const app = useApp();
  const form = usePasswordChange(
    {
      current: t('newPassword.current'),
      new: t('newPassword.new'),
      confirm: t('newPassword.confirm'),
      currentRequired: t('newPassword.currentRequired'),
      wrong: t('newPassword.wrong'),
      same: t('newPassword.same'),
    },
    (current, next) => app.choosePassword(current, next),
  );

  return (
    <div className={styles.screen}>
      <header className={styles.lang}>
        <LanguageSwitch />
      </header>
      <main className={styles.card}>
        <div className={styles.brand}>
          <img src="/favicon.svg" alt="" width={44} height={44} />
          <h1 className={styles.sentence}>{t('newPassword.title')}</h1>
        </div>
        <p className={styles.tagline}>{t('newPassword.why', { username })}</p>
        <form className={styles.form} onSubmit={form.submit} noValidate>
          <PasswordFields form={form} username={username} autoFocus />
          {form.errors.form && (
            <p className={styles.formError} role="alert">
              {form.errors.form}
            </p>
          )}
          <Button variant="primary" type="submit" busy={form.busy}>
            {t('newPassword.submit')}
          </Button>
          <Button variant="ghost" disabled={form.busy} onClick={() => void app.signOut()}>
            <LogOut size={17} aria-hidden="true" />
            {t('newPassword.signOut')}
          </Button>
        </form>
      </main>
    </div>
  );
}
