import { isBlankText, limits } from '@parley/protocol';
import { ParleyError } from '@parley/sdk';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../model/app-context.ts';
import { preloadMainLayout } from '../layout/load-main-layout.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { toast } from '../../ui/toast.tsx';
import { errorText } from '../../util/error-text.ts';
import styles from './AuthScreen.module.css';
import { deviceName } from './device-name.ts';

type Errors = Partial<Record<'username' | 'displayName' | 'password' | 'confirm' | 'form', string>>;

/** Registration, with an optional avatar uploaded right after the account exists. */
export function RegisterForm() {
  const { t } = useTranslation('auth');
  const app = useApp();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [avatar, setAvatar] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!avatar) return setPreview(null);
    const url = URL.createObjectURL(avatar);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [avatar]);

  function check(): Errors {
    const found: Errors = {};
    const name = username.trim();
    if (name.length < limits.usernameMin || name.length > limits.usernameMax)
      found.username = t('usernameLength', { min: limits.usernameMin, max: limits.usernameMax });
    else if (!/^[A-Za-z0-9_.-]+$/.test(name)) found.username = t('usernameChars');
    // Zero-width spaces, Hangul fillers and the like alone count as blank, as on the server.
    if (isBlankText(displayName)) found.displayName = t('displayNameRequired');
    else if (displayName.length > limits.displayNameMax)
      found.displayName = t('tooLong', { max: limits.displayNameMax });
    if (password.length < limits.passwordMin)
      found.password = t('passwordLength', { min: limits.passwordMin });
    if (confirm !== password) found.confirm = t('passwordsDiffer');
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    // The main screens download while the server checks: signed in, they show at once.
    preloadMainLayout();
    try {
      const client = app.anonymous();
      const auth = await client.register({
        username: username.trim(),
        displayName: displayName.trim(),
        password,
        deviceName: deviceName(),
      });
      let user = auth.user;
      if (avatar) {
        try {
          const upload = await client.http.uploads.start(avatar, { kind: 'image', name: avatar.name }).done;
          user = await client.http.setAvatar(upload.id);
        } catch (err) {
          toast(t('avatarFailed', { reason: errorText(err) }), 'error');
        }
      }
      app.signedIn({ ...auth, user });
    } catch (err) {
      if (err instanceof ParleyError && err.code === 'username_taken')
        setErrors({ username: t('usernameTaken') });
      else if (
        err instanceof ParleyError &&
        err.field &&
        ['username', 'displayName', 'password'].includes(err.field)
      )
        setErrors({ [err.field]: err.message });
      else setErrors({ form: errorText(err) });
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <div className={styles.avatarPick}>
        {preview ? (
          <Avatar src={preview} name={displayName || username} size={56} />
        ) : (
          <Avatar src={null} name={displayName || username || '?'} size={56} />
        )}
        <label>
          {avatar ? t('changeAvatar') : t('chooseAvatar')}
          <input
            type="file"
            accept="image/*"
            className="visually-hidden"
            aria-label={t('chooseAvatar')}
            onChange={(e) => setAvatar(e.target.files?.[0] ?? null)}
          />
        </label>
      </div>
      <Field
        label={t('username')}
        autoComplete="username"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        error={errors.username}
        hint={t('usernameHint')}
      />
      <Field
        label={t('displayName')}
        autoComplete="nickname"
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        error={errors.displayName}
      />
      <Field
        label={t('password')}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.password}
      />
      <Field
        label={t('confirmPassword')}
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
        {t('createAccount')}
      </Button>
    </form>
  );
}
