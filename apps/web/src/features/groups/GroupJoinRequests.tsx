import type { JoinRequest } from '@parley/protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useValue } from '../../model/use-value.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button } from '../../ui/Button.tsx';
import { toast } from '../../ui/toast.tsx';
import { refusalText } from './refusal.ts';
import styles from '../contacts/People.module.css';

/** Pending applications to this group, for its owner and admins to approve or reject. */
export function GroupJoinRequests({ groupId }: { groupId: string }) {
  const { t } = useTranslation('groups');
  const session = useSession();
  // Asked for this group directly (the app-wide list may not know yet that I manage it), and
  // again whenever the app-wide list changes, which it does on every join event.
  const state = useValue(session.requests.state);
  const [requests, setRequests] = useState<JoinRequest[]>([]);
  useEffect(() => {
    let live = true;
    session.http.groups.joinRequests(groupId).then(
      (r) => live && setRequests(r.requests),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [session, groupId, state]);
  const pending = requests.filter((r) => r.status === 'pending');
  if (pending.length === 0) return null;
  return (
    <section aria-labelledby="group-applications">
      <h3 className={styles.sectionTitle} id="group-applications" style={{ marginLeft: 0 }}>
        {t('applications', { count: pending.length })}
      </h3>
      <ul className={styles.list} role="list" aria-labelledby="group-applications">
        {pending.map((r) => (
          <Application
            key={r.id}
            request={r}
            onDone={() => setRequests((l) => l.filter((x) => x.id !== r.id))}
          />
        ))}
      </ul>
    </section>
  );
}

function Application({ request: r, onDone }: { request: JoinRequest; onDone(): void }) {
  const { t } = useTranslation('groups');
  const session = useSession();
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const name = r.applicant.displayName;
  const decide = async (which: 'approve' | 'reject') => {
    setBusy(which);
    try {
      if (which === 'approve') await session.http.groups.approveJoinRequest(r.id);
      else await session.http.groups.rejectJoinRequest(r.id);
      onDone();
    } catch (err) {
      toast(refusalText(err), 'error');
    } finally {
      setBusy(null);
      void session.requests.refresh();
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
