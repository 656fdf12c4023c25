import { displayNameOf } from '@parley/sdk';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { NameOf } from '../util/message-preview.ts';
import { useSession } from './app-context.ts';
import { useSessionState } from './use-session-state.ts';

/**
 * Names users by id the way I know them: "You", my remark for a friend, "Deleted user" for a
 * deleted account, else their display name. People not met yet show as "…" and are asked for (once) after the render.
 */
export function useNames(): NameOf {
  const { session } = useSession();
  const { t } = useTranslation();
  // Subscribed to re-render when a name changes; read through the snapshot below.
  useSessionState((s) => s.friends);
  useSessionState((s) => s.users);
  const me = useSessionState((s) => s.me.id);
  const unknown = new Set<string>();
  useEffect(() => {
    if (unknown.size > 0) session.people.want(unknown);
  });
  return (userId) => {
    if (userId === null) return '';
    if (userId === me) return t('you');
    const state = session.getSnapshot();
    if (state.users[userId]?.deleted) return t('deletedUser');
    const name = displayNameOf(state, userId);
    if (name === undefined) unknown.add(userId);
    return name ?? '…';
  };
}
