import { limits } from '@parley/protocol';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field.tsx';
import type { PasswordChange } from './use-password-change.ts';

/**
 * The three fields of a password change (current, new, repeated), with their errors; the form
 * around them, its error line and its buttons are the caller's.
 */
export function PasswordFields({
  form,
  username,
  autoFocus,
}: {
  form: PasswordChange;
  /** The account changed, for password managers. */
  username: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation('auth');
  const { texts, values, set, errors } = form;
  return (
    <>
      {/* For password managers: which account this form changes. */}
      <input type="text" autoComplete="username" value={username} readOnly hidden />
      <Field
        label={texts.current}
        type="password"
        autoComplete="current-password"
        value={values.current}
        autoFocus={autoFocus}
        onChange={(e) => set('current', e.target.value)}
        error={errors.current}
      />
      <Field
        label={texts.new}
        type="password"
        autoComplete="new-password"
        value={values.next}
        onChange={(e) => set('next', e.target.value)}
        error={errors.next}
        hint={t('passwordLength', { min: limits.passwordMin })}
      />
      <Field
        label={texts.confirm}
        type="password"
        autoComplete="new-password"
        value={values.confirm}
        onChange={(e) => set('confirm', e.target.value)}
        error={errors.confirm}
      />
    </>
  );
}
