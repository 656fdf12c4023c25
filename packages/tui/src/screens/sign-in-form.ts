import { type EditKey, type LineState, editLine, emptyLine } from '../text/line-edit.ts';

export type Mode = 'sign-in' | 'register';
export type Field = 'username' | 'password' | 'displayName' | 'inviteCode';

export const fieldsOf: Record<Mode, Field[]> = {
  'sign-in': ['username', 'password'],
  register: ['username', 'displayName', 'password', 'inviteCode'],
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
  values: { username: emptyLine, password: emptyLine, displayName: emptyLine, inviteCode: emptyLine },
  submitting: false,
};

/**
 * The sign-in form as a reducer of keypresses, so that keys typed faster than the screen
 * redraws (Enter, then the next field's text) each land where the previous one left the form.
 */
export function formKey(form: FormState, input: string, key: EditKey & { shift: boolean }): FormState {
  if (form.submitting) return form;
  const fields = fieldsOf[form.mode];
  if (key.ctrl && input === 'n')
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
