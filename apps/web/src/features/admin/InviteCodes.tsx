import type { AdminInvite } from '@parley/protocol';
import { Plus } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { Button } from '../../ui/Button.tsx';
import { toast } from '../../ui/toast.tsx';
import { errorText } from '../../util/error-text.ts';
import styles from './AdminConsole.module.css';
import { InviteRow } from './InviteRow.tsx';
import { OneTimeSecret } from './OneTimeSecret.tsx';

/**
 * Invite codes: make one (POST /invites; the code is shown here once, to copy and hand over),
 * and every code made, whether still good, used (by whom) or expired; a good one can be revoked.
 */
export function InviteCodes() {
  const { t } = useTranslation('admin');
  const { client } = useSession();
  const [invites, setInvites] = useState<AdminInvite[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      client.http.admin.invites().then(
        (list) => setInvites(list.invites),
        (err: unknown) => setError(errorText(err)),
      ),
    [client],
  );
  useEffect(() => void load(), [load]);

  async function create() {
    setBusy(true);
    try {
      const invite = await client.http.createInvite();
      setMade(invite.code);
      await load();
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.part} aria-labelledby="invite-codes-heading">
      <h3 className={styles.heading} id="invite-codes-heading">
        {t('invites.heading')}
      </h3>
      <p className={styles.note}>{t('invites.hint')}</p>
      <div className={styles.actions}>
        <Button busy={busy} onClick={() => void create()}>
          <Plus size={16} aria-hidden="true" />
          {t('invites.create')}
        </Button>
      </div>
      {made && (
        <>
          <OneTimeSecret label={t('invites.code')} value={made} />
          <p className={styles.note}>{t('invites.once')}</p>
        </>
      )}
      {error ? (
        <p className={styles.error} role="alert">
          {error}
        </p>
      ) : invites === null ? (
        <p className={styles.state} role="status">
          {t('loading')}
        </p>
      ) : invites.length === 0 ? (
        <p className={styles.note}>{t('invites.none')}</p>
      ) : (
        <ul className={styles.list} aria-label={t('invites.heading')}>
          {invites.map((invite) => (
            <InviteRow
              key={invite.id}
              invite={invite}
              onRevoked={() => setInvites((list) => list && list.filter((i) => i.id !== invite.id))}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
