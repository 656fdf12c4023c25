import { ParleyError } from '@parley/sdk';
import { Trash2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { errorText } from '../../util/error-text.ts';
import styles from './Section.module.css';

/**
 * "Delete my account" (POST /me/delete through the SDK). What happens is said before anything
 * is asked: the messages stay in others' chats under "Deleted user", the rest goes, for good.
 * The password confirms it. On success the session ends as `account_deleted`, and the app
 * goes back to the sign-in screen with that notice (model/app-model.ts).
 */
export function DeleteAccount() {
  const { t } = useTranslation('settings');
  const { session } = useSession();
  const username = useSessionState((s) => s.me.username);
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ field?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!password) return setError({ field: t('deleteAccount.passwordRequired') });
    setBusy(true);
    try {
      await session.account.deleteAccount(password);
    } catch (err) {
      if (err instanceof ParleyError && err.code === 'wrong_password')
        setError({ field: t('deleteAccount.wrong') });
      else setError({ form: errorText(err) });
      setBusy(false);
    }
  }

  return (
    <form className={styles.group} onSubmit={submit} noValidate aria-labelledby="delete-account-heading">
      <h3 className={styles.heading} id="delete-account-heading">
        {t('deleteAccount.heading')}
      </h3>
      <p className={styles.note}>{t('deleteAccount.what')}</p>
      {open ? (
        <>
          <p className={styles.warning}>{t('deleteAccount.final')}</p>
          {/* For password managers: which account this password is for. */}
          <input type="text" autoComplete="username" value={username} readOnly hidden />
          <Field
            label={t('deleteAccount.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            autoFocus
            onChange={(e) => setPassword(e.target.value)}
            error={error.field}
          />
          {error.form && (
            <p className={styles.error} role="alert">
              {error.form}
            </p>
          )}
          <div className={styles.actions}>
            <Button variant="danger" type="submit" busy={busy}>
              <Trash2 size={17} aria-hidden="true" />
              {t('deleteAccount.confirm')}
            </Button>
            <Button
              disabled={busy}
              onClick={() => {
                setOpen(false);
                setPassword('');
                setError({});
              }}
            >
              {t('deleteAccount.cancel')}
            </Button>
          </div>
        </>
      ) : (
        <div className={styles.actions}>
          <Button variant="danger" onClick={() => setOpen(true)}>
            <Trash2 size={17} aria-hidden="true" />
            {t('deleteAccount.start')}
          </Button>
        </div>
      )}
    </form>
  );
}
