import type { JoinRequest } from '@parley/protocol';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button } from '../../ui/Button.tsx';
import { toast } from '../../ui/toast.tsx';
import { refusalText } from './refusal.ts';
import styles from '../contacts/People.module.css';

/**
 * Pending applications to this group, for its owner and admins to approve or reject: the
 * session's applications (kept for every group I manage, current from events) for this group.
 */
export function GroupJoinRequests({ groupId }: { groupId: string }) {
  const { t } = useTranslation('groups');
  const all = useSessionState((s) => s.joinRequests);
  const pending = useMemo(
    () => all.filter((r) => r.group.id === groupId && r.status === 'pending'),
    [all, groupId],
  );
  if (pending.length === 0) return null;
  return (
    <section aria-labelledby="group-applications">
      <h3 className={styles.sectionTitle} id="group-applications" style={{ marginLeft: 0 }}>
        {t('applications', { count: pending.length })}
      </h3>
      <ul className={styles.list} role="list" aria-labelledby="group-applications">
        {pending.map((r) => (
          <Application key={r.id} request={r} />
        ))}
      </ul>
    </section>
  );
}

function Application({ request: r }: { request: JoinRequest }) {
  const { t } = useTranslation('groups');
  const { session } = useSession();
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const name = r.applicant.displayName;
  const decide = async (which: 'approve' | 'reject') => {
    setBusy(which);
    try {
      // The decision takes the application off the session's list (and so off this one).
      if (which === 'approve') await session.groups.approve(r.id);
      else await session.groups.reject(r.id);
    } catch (err) {
      toast(refusalText(err), 'error');
      // Someone else may have decided it meanwhile: ask what is still waiting.
      session.load('joinRequests').catch(() => {});
    } finally {
      setBusy(null);
    }
  };
  return (
    <li className={`${styles.row} ${styles.request}`} data-testid="join-request">
      <span className={styles.static}>
        <Avatar src={r.applicant.avatarSmall} name={name} size={38} />
        <span className={styles.body}>
          <span className={styles.line}>
            <span className={styles.name}>{name}</span>
            <span className={styles.username}>@{r.applicant.username}</span>
          </span>
          {r.note && <span className={styles.note}>{r.note}</span>}
        </span>
      </span>
      <span className={styles.buttons}>
        <Button
          variant="primary"
          busy={busy === 'approve'}
          disabled={!!busy}
          aria-label={t('approveNamed', { name })}
          onClick={() => void decide('approve')}
        >
          {t('approve')}
        </Button>
        <Button
          busy={busy === 'reject'}
          disabled={!!busy}
          aria-label={t('rejectNamed', { name })}
          onClick={() => void decide('reject')}
        >
          {t('reject')}
        </Button>
      </span>
    </li>
  );
}
