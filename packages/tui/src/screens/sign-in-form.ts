import { type EditKey, type LineState, editLine, emptyLine } from '../text/line-edit.ts';

/** `new-password`: signed in with a password an admin reset; a new one must be chosen first. */
export type Mode = 'sign-in' | 'register' | 'new-password';
export type Field = 'username' | 'password' | 'displayName' | 'inviteCode' | 'newPassword' | 'repeat';

export const fieldsOf: Record<Mode, Field[]> = {
  'sign-in': ['username', 'password'],
  register: ['username', 'displayName', 'password', 'inviteCode'],
  'new-password': ['newPassword', 'repeat'],
};

export interface FormState {
  mode: Mode;
  /** Index into fieldsOf[mode]. */
  focus: number;
  values: Record<Field, LineState>;
  /** Enter on the last field: the screen sends the form and sets it back to false. */
  submitting: boolean;
}

export const initialForm: FormState = {
  mode: 'sign-in',
  focus: 0,
  values: {
    username: emptyLine,
    password: emptyLine,
    displayName: emptyLine,
    inviteCode: emptyLine,
    newPassword: emptyLine,
    repeat: emptyLine,
  },
  submitting: false,
};

/** The form after a sign-in with a reset password: the new password, twice. */
export function askNewPassword(form: FormState): FormState {
  return {
    ...form,
    mode: 'new-password',
    focus: 0,
    values: { ...form.values, newPassword: emptyLine, repeat: emptyLine },
    submitting: false,
  };
}

/**
 * The sign-in form as a reducer of keypresses, so that keys typed faster than the screen
 * redraws (Enter, then the next field's text) each land where the previous one left the form.
 */
export function formKey(form: FormState, input: string, key: EditKey & { shift: boolean }): FormState {
  if (form.submitting) return form;
  const fields = fieldsOf[form.mode];
  if (key.ctrl && input === 'n' && form.mode !== 'new-password')
    return { ...form, mode: form.mode === 'sign-in' ? 'register' : 'sign-in', focus: 0 };
  if (key.upArrow || (key.shift && key.tab)) return { ...form, focus: Math.max(0, form.focus - 1) };
  if (key.downArrow || key.tab) return { ...form, focus: Math.min(fields.length - 1, form.focus + 1) };
  const field = fields[form.focus]!;
  const edit = editLine(form.values[field], input, key);
  if (!edit) return form;
  const values = { ...form.values, [field]: edit.next };
  if (!edit.submit) return { ...form, values };
  const last = form.focus === fields.length - 1;
  return { ...form, values, focus: last ? form.focus : form.focus + 1, submitting: last };
}
