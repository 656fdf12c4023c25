import { ParleyError } from '@parley/sdk';
import { i18next } from '../i18n/index.ts';

/**
 * A refusal in the user's language: a translation for the codes users meet, else the server's
 * own message (English) — never a stack trace or "[object Object]".
 */
export function errorText(err: unknown): string {
  const t = i18next.t.bind(i18next);
  if (err instanceof ParleyError) {
    if (err.code === 'network' || err.code === 'disconnected' || err.code === 'closed')
      return t('errors.network');
    const key = `errors.${err.code}`;
    if (i18next.exists(key)) return t(key, { retryAfter: err.retryAfter ?? 1 });
    return t('errors.generic', { message: err.message });
  }
  return t('errors.generic', { message: err instanceof Error ? err.message : String(err) });
}
