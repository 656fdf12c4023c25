import type { EndReason } from '@parley/sdk';

/** Why the sign-in screen is back, in words. */
export function endReasonText(reason: EndReason): string {
  switch (reason) {
    case 'revoked':
      return 'This device was signed out from another one. Sign in again to continue.';
    case 'password_changed':
      return 'Your password was changed, so every device was signed out. Sign in again.';
    case 'logged_in_elsewhere':
      return 'You signed in somewhere else, which ended this session. Sign in again.';
    case 'account_deleted':
      return 'This account was deleted.';
    case 'account_disabled':
      return 'An admin disabled this account. Ask them to enable it again.';
    case 'password_reset':
      return 'An admin reset your password. Sign in with the one they give you, then choose a new one.';
    case 'logged_out':
      return 'This session was signed out. Sign in again to continue.';
    case 'expired':
    default:
      return 'Your session has expired. Sign in again to continue.';
  }
}
