import { limits } from '@parley/protocol';
import { ParleyError } from '@parley/sdk';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { toast } from '../../ui/toast.tsx';
import { errorText } from '../../util/error-text.ts';
import styles from './Section.module.css';

type Errors = Partial<Record<'current' | 'next' | 'confirm' | 'form', string>>;

/**
 * Current, new and repeated password. The server signs every other device out on success
 * (this one stays signed in), so `onChanged` lets the devices list reload.
 */
export function PasswordForm({ onChanged }: { onChanged(): void }) {
  const { t } = useTranslation('settings');
  const { session } = useSession();
  const username = useSessionState((s) => s.me.username);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  function check(): Errors {
    const found: Errors = {};
    if (!current) found.current = t('password.currentRequired');
    if (next.length < limits.passwordMin) found.next = t('password.tooShort', { min: limits.passwordMin });
    else if (next.length > limits.passwordMax) found.next = t('profile.tooLong', { max: limits.passwordMax });
    if (confirm !== next) found.confirm = t('password.differ');
    return found;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await session.account.changePassword({ currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setConfirm('');
      toast(t('password.changed'));
      onChanged();
    } catch (err) {
      if (err instanceof ParleyError && err.code === 'wrong_password')
        setErrors({ current: t('password.wrong') });
      else if (err instanceof ParleyError && err.field === 'newPassword') setErrors({ next: errorText(err) });
      else setErrors({ form: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.group} onSubmit={submit} noValidate>
      <h3 className={styles.heading}>{t('password.heading')}</h3>
      {/* For password managers: which account this form changes. */}
      <input type="text" autoComplete="username" value={username} readOnly hidden />
      <Field
        label={t('password.current')}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        error={errors.current}
      />
      <Field
        label={t('password.new')}
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={(e) => setNext(e.target.value)}
        error={errors.next}
        hint={t('password.tooShort', { min: limits.passwordMin })}
      />
      <Field
        label={t('password.confirm')}
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={errors.confirm}
      />
      {errors.form && (
        <p className={styles.error} role="alert">
          {errors.form}
        </p>
      )}
      <p className={styles.note}>{t('password.note')}</p>
      <div className={styles.actions}>
        <Button variant="primary" type="submit" busy={busy}>
          {t('password.submit')}
        </Button>
      </div>
    </form>
  );
}
