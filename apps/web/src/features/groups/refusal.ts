import { ParleyError } from '@parley/sdk';
import { i18next } from '../../i18n/index.ts';
import { errorText } from '../../util/error-text.ts';

/**
 * A refusal from a friends or groups call in the user's language. The app-wide errorText knows
 * the common codes; the ones only these screens meet (already_friends, group_full, forbidden …)
 * are worded in the groups namespace, so a Chinese user never reads the server's English.
 */
export function refusalText(err: unknown): string {
  if (err instanceof ParleyError && !i18next.exists(`errors.${err.code}`)) {
    const key = `groups:refusals.${err.code}`;
    if (i18next.exists(key)) return i18next.t(key);
  }
  return errorText(err);
}
