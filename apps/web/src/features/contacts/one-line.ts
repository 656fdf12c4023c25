import { i18next } from '../../i18n/index.ts';

/** Control and bidirectional-override characters the server refuses in one-line text. */
const forbidden = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;
const forbiddenMultiLine = /[^\P{Cc}\n\t]|[\p{Cs}\u202A-\u202E\u2066-\u2069]/u;

/**
 * Why the server would refuse this remark, note or name (too long, hidden characters), in the
 * user's words; null when it is fine. Checked before sending so typed text is never lost.
 */
export function textProblem(value: string, max: number, multiLine = false): string | null {
  if (value.length > max) return i18next.t('contacts:tooLong', { max });
  if ((multiLine ? forbiddenMultiLine : forbidden).test(value)) return i18next.t('contacts:badCharacters');
  return null;
}
