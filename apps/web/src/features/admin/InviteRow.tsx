import type { AdminInvite } from '@parley/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { toast } from '../../ui/toast.tsx';
import { errorText } from '../../util/error-text.ts';
import styles from './AdminConsole.module.css';
import { when } from './format.ts';
import { useAdmin } from './use-admin.ts';

/** One invite code (never the code itself): made by whom and when, and used, expired or still good. */
export function InviteRow({ invite, onRevoked }: { invite: AdminInvite; onRevoked(): void }) {
  const { t } = useTranslation('admin');
  const admin = useAdmin();
  const [busy, setBusy] = useState(false);
  const state = invite.usedBy ? 'used' : Date.parse(invite.expiresAt) <= Date.now() ? 'expired' : 'active';
  const made = t('invites.made', {
    name: invite.createdBy?.displayName ?? t('common:deletedUser'),
    when: when(invite.createdAt),
  });
  const detail =
    state === 'used'
      ? t('invites.usedBy', { name: invite.usedBy!.displayName, username: invite.usedBy!.username })
      : t(state === 'active' ? 'invites.expires' : 'invites.expiredAt', { when: when(invite.expiresAt) });

  async function revoke() {
    setBusy(true);
    try {
      await admin.revokeInvite(invite.id);
      onRevoked();
      toast(t('invites.revoked'));
    } catch (err) {
      toast(errorText(err), 'error');
      setBusy(false);
    }
  }

  return (
    <li className={styles.row} data-testid="admin-invite">
      <div className={styles.rowText}>
        <div className={styles.nameLine}>
          <span
            className={`${styles.chip} ${state === 'active' ? styles.chipOk : state === 'used' ? styles.chipAdmin : ''}`}
          >
            {t(`invites.state.${state}`)}
          </span>
          <span className={styles.meta}>{made}</span>
        </div>
        <span className={styles.meta}>{detail}</span>
      </div>
      {state === 'active' && (
        <Button variant="ghost" busy={busy} onClick={() => void revoke()}>
          {t('invites.revoke')}
        </Button>
      )}
    </li>
  );
}
