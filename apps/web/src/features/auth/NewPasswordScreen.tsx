import { limits } from '@parley/protocol';
import { ParleyError } from '@parley/sdk';
import { LogOut } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../model/app-context.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { errorText } from '../../util/error-text.ts';
import { LanguageSwitch } from '../settings/LanguageSwitch.tsx';
import styles from './AuthScreen.module.css';

type Errors = Partial<Record<'current' | 'next' | 'confirm' | 'form', string>>;

/**
 * "Choose a new password", the only screen after signing in with a password an admin reset
 * (Me.mustChangePassword): the temporary password, the new one twice, and Sign out. On
 * success the app goes on signed in (AppModel.choosePassword).
 */
export function NewPasswordScreen({ username }: { username: string }) {
  const { t } = useTranslation('auth');
  const app = useApp();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  function check(): Errors {
    const found: Errors = {};
    if (!current) found.current = t('newPassword.currentRequired');
    if (next.length < limits.passwordMin) found.next = t('passwordLength', { min: limits.passwordMin });
    else if (next.length > limits.passwordMax) found.next = t('tooLong', { max: limits.passwordMax });
    else if (next === current) found.next = t('newPassword.same');
    if (confirm !== next) found.confirm = t('passwordsDiffer');
    return found;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await app.choosePassword(current, next);
    } catch (err) {
      if (err instanceof ParleyError && err.code === 'wrong_password')
        setErrors({ current: t('newPassword.wrong') });
      else if (err instanceof ParleyError && err.field === 'newPassword') setErrors({ next: errorText(err) });
      else setErrors({ form: errorText(err) });
      setBusy(false);
    }
  }

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
        <form className={styles.form} onSubmit={submit} noValidate>
          {/* For password managers: which account this form changes. */}
          <input type="text" autoComplete="username" value={username} readOnly hidden />
          <Field
            label={t('newPassword.current')}
            type="password"
            autoComplete="current-password"
            value={current}
            autoFocus
            onChange={(e) => setCurrent(e.target.value)}
            error={errors.current}
          />
          <Field
            label={t('newPassword.new')}
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            error={errors.next}
            hint={t('passwordLength', { min: limits.passwordMin })}
          />
          <Field
            label={t('newPassword.confirm')}
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            error={errors.confirm}
          />
          {errors.form && (
            <p className={styles.formError} role="alert">
              {errors.form}
            </p>
          )}
          <Button variant="primary" type="submit" busy={busy}>
            {t('newPassword.submit')}
          </Button>
          <Button variant="ghost" disabled={busy} onClick={() => void app.signOut()}>
            <LogOut size={17} aria-hidden="true" />
            {t('newPassword.signOut')}
          </Button>
        </form>
      </main>
    </div>
  );
}
