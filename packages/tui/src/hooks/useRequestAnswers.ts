import { type ParleySession, isParleyError } from '@parley/sdk';
import type { ListRow } from '../format/list-rows.ts';

/** A handler that tells, on the notice line, what failed and why. */
export function failedWith(show: (text: string) => void) {
  return (what: string) => (err: unknown) =>
    show(`${what} failed: ${isParleyError(err) ? err.message : String(err)}`);
}

/** Accepting and declining the friend request or group invitation a list row shows; the outcome goes to `show`. */
export function useRequestAnswers(session: ParleySession, show: (text: string) => void) {
  const failed = failedWith(show);
  return {
    accept(row: ListRow) {
      if (row.kind === 'friend-request')
        session.people
          .accept(row.id)
          .then((friend) => show(`You and ${friend.user.displayName} are now friends`), failed('Accepting'));
      if (row.kind === 'invitation')
        session.groups
          .acceptInvitation(row.invitation)
          .then((group) => show(`You joined ${group.name}`), failed('Joining'));
    },
    decline(row: ListRow | undefined) {
      if (row?.kind === 'friend-request') session.people.decline(row.id).catch(failed('Declining'));
      if (row?.kind === 'invitation')
        session.groups.declineInvitation(row.invitation).catch(failed('Declining'));
    },
  };
}
