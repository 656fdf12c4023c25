import { ParleyError } from '@parley/sdk';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../model/app-context.ts';
import { knownDeviceFor } from '../../model/known-devices.ts';
import { preloadMainLayout } from '../layout/load-main-layout.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { focusAfterPaint } from '../../ui/focus-after-paint.ts';
import { errorText } from '../../util/error-text.ts';
import { deviceName } from './device-name.ts';
import styles from './AuthScreen.module.css';

export function SignInForm() {
  const { t } = useTranslation('auth');
  const app = useApp();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  // The username takes the caret once the page has painted (not autoFocus: see focusAfterPaint).
  useEffect(() => focusAfterPaint(() => form.current?.querySelector('input')), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) return setError(t('fillBoth'));
    setBusy(true);
    setError(null);
    // The main screens download while the server checks: signed in, they show at once.
    preloadMainLayout();
    try {
      const client = app.anonymous();
      const knownDevice = knownDeviceFor(username);
      const auth = await client.login({
        username: username.trim(),
        password,
        deviceName: deviceName(),
        ...(knownDevice !== undefined && { knownDevice }),
      });
      app.signedIn(auth);
    } catch (err) {
      setError(
        err instanceof ParleyError && err.code === 'invalid_credentials'
          ? t('wrongPassword')
          : errorText(err),
      );
      setBusy(false);
    }
  }

  return (
    <form ref={form} className={styles.form} onSubmit={submit} noValidate>
      <Field
        label={t('username')}
        autoComplete="username"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <Field
        label={t('password')}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {error && (
        <p className={styles.formError} role="alert">
          {error}
        </p>
      )}
      <Button variant="primary" type="submit" busy={busy}>
        {t('signIn')}
      </Button>
    </form>
  );
}
