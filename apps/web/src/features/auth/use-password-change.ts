import { limits } from '@parley/protocol';
import { ParleyError } from '@parley/sdk';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../util/error-text.ts';

/** What differs between the places that change a password: the labels and the wording. */
export interface PasswordTexts {
  current: string;
  new: string;
  confirm: string;
  currentRequired: string;
  /** The server said the current password is wrong. */
  wrong: string;
  /** When given, a new password equal to the current one is refused with this text. */
  same?: string;
}

export type PasswordErrors = Partial<Record<'current' | 'next' | 'confirm' | 'form', string>>;

const empty = { current: '', next: '', confirm: '' };

/**
 * The current password, the new one twice, their checks and the server's refusals, for
 * PasswordFields. `change` sends the two; once it succeeds the fields are emptied.
 */
export function usePasswordChange(
  texts: PasswordTexts,
  change: (current: string, next: string) => Promise<void>,
) {
  const { t } = useTranslation('auth');
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<PasswordErrors>({});
  const [busy, setBusy] = useState(false);
  const { current, next, confirm } = values;

  function check(): PasswordErrors {
    const found: PasswordErrors = {};
    if (!current) found.current = texts.currentRequired;
    if (next.length < limits.passwordMin) found.next = t('passwordLength', { min: limits.passwordMin });
    else if (next.length > limits.passwordMax) found.next = t('tooLong', { max: limits.passwordMax });
    else if (texts.same && next === current) found.next = texts.same;
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
      await change(current, next);
      setValues(empty);
    } catch (err) {
      if (err instanceof ParleyError && err.code === 'wrong_password') setErrors({ current: texts.wrong });
      else if (err instanceof ParleyError && err.field === 'newPassword') setErrors({ next: errorText(err) });
      else setErrors({ form: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const set = (field: keyof typeof empty, value: string) => setValues((v) => ({ ...v, [field]: value }));
  return { texts, values, set, errors, busy, submit };
}

export type PasswordChange = ReturnType<typeof usePasswordChange>;
