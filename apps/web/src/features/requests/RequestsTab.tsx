import type { FriendRequest, GroupInvitation, JoinRequest } from '@parley/protocol';
import type { LoadedPart, SessionState } from '@parley/sdk';
import { Inbox } from 'lucide-react';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button } from '../../ui/Button.tsx';
import { toast } from '../../ui/toast.tsx';
import { listTime } from '../../util/format-time.ts';
import { openConversation } from '../../util/route.ts';
import { refusalText } from '../groups/refusal.ts';
import styles from '../contacts/People.module.css';

/**
 * Everything waiting for an answer: friend requests to me (accept / decline), mine still
 * pending (cancel), group invitations (accept / decline) and applications to groups I manage
 * (approve / reject). The session keeps the lists current from events, and each answer is put
 * into them by its action.
 */
export function RequestsTab() {
  const { t } = useTranslation('requests');
  const incoming = usePending((s) => s.incoming);
  const outgoing = usePending((s) => s.outgoing);
  const invitations = usePending((s) => s.invitations);
  const joins = usePending((s) => s.joinRequests);
  if (incoming.length + outgoing.length + invitations.length + joins.length === 0)
    return (
      <div className={styles.empty}>
        <Inbox size={36} aria-hidden="true" />
        <p>{t('empty')}</p>
      </div>
    );
  return (
    <div className={styles.tab}>
      <Section id="req-incoming" title={t('incoming')} count={incoming.length}>
        {incoming.map((r) => (
          <IncomingRow key={r.id} request={r} />
        ))}
      </Section>
      <Section id="req-invitations" title={t('invitations')} count={invitations.length}>
        {invitations.map((r) => (
          <InvitationRow key={r.id} invitation={r} />
        ))}
      </Section>
      <Section id="req-joins" title={t('joinRequests')} count={joins.length}>
        {joins.map((r) => (
          <JoinRequestRow key={r.id} request={r} />
        ))}
      </Section>
      <Section id="req-outgoing" title={t('outgoing')} count={outgoing.length}>
        {outgoing.map((r) => (
          <OutgoingRow key={r.id} request={r} />
        ))}
      </Section>
    </div>
  );
}

/** The entries of one of the session's lists still waiting for an answer. */
function usePending<T extends { status: string }>(select: (state: SessionState) => readonly T[]): T[] {
  const list = useSessionState(select);
  return useMemo(() => list.filter((r) => r.status === 'pending'), [list]);
}

function Section({
  id,
  title,
  count,
  children,
}: {
  id: string;
  title: string;
  count: number;
  children: ReactNode;
}) {
  if (count === 0) return null;
  return (
    <section className={styles.section} aria-labelledby={id}>
      <h3 className={styles.sectionTitle} id={id}>
        {title} <span>{count}</span>
      </h3>
      <ul className={styles.list} role="list" aria-labelledby={id}>
        {children}
      </ul>
    </section>
  );
}

/**
 * Runs one answer at a time for a row: buttons disabled meanwhile, the refusal as a toast.
 * The action puts an answer into the session's list; after a refusal (someone else may have
 * decided, on another device or as another admin) the list `part` is asked for again.
 */
function useAnswer(part: LoadedPart) {
  const { session } = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (which: string, action: () => Promise<unknown>, done?: string) => {
    setBusy(which);
    try {
      await action();
      if (done) toast(done);
    } catch (err) {
      toast(refusalText(err), 'error');
      session.load(part).catch(() => {});
    } finally {
      setBusy(null);
    }
  };
  return { session, busy, run };
}

function Person({
  avatar,
  name,
  line,
  note,
  time,
}: {
  avatar: string | null;
  name: string;
  line: string;
  note?: string | undefined;
  time: string;
}) {
  return (
    <span className={styles.static}>
      <Avatar src={avatar} name={name} size={42} />
      <span className={styles.body}>
        <span className={styles.line}>
          <span className={styles.name}>{name}</span>
          <time className={styles.username} dateTime={time}>
            {listTime(time)}
          </time>
        </span>
        <span className={styles.sub}>{line}</span>
        {note && <span className={styles.note}>{note}</span>}
      </span>
    </span>
  );
}

function IncomingRow({ request: r }: { request: FriendRequest }) {
  const { t } = useTranslation('requests');
  const { session, busy, run } = useAnswer('requests');
  const name = r.from.displayName;
  return (
    <li className={`${styles.row} ${styles.request}`} data-testid="incoming-request">
      <Person
        avatar={r.from.avatarSmall}
        name={name}
        line={`@${r.from.username}`}
        note={r.note}
        time={r.createdAt}
      />
      <span className={styles.buttons}>
        <Button
          variant="primary"
          busy={busy === 'accept'}
          disabled={!!busy}
          aria-label={t('acceptNamed', { name })}
          onClick={() => void run('accept', () => session.people.accept(r.id), t('nowFriends', { name }))}
        >
          {t('accept')}
        </Button>
        <Button
          busy={busy === 'decline'}
          disabled={!!busy}
          aria-label={t('declineNamed', { name })}
          onClick={() => void run('decline', () => session.people.decline(r.id))}
        >
          {t('decline')}
        </Button>
      </span>
    </li>
  );
}

function OutgoingRow({ request: r }: { request: FriendRequest }) {
  const { t } = useTranslation('requests');
  const { session, busy, run } = useAnswer('requests');
  const name = r.to.displayName;
  return (
    <li className={`${styles.row} ${styles.request}`} data-testid="outgoing-request">
      <Person avatar={r.to.avatarSmall} name={name} line={t('waiting')} note={r.note} time={r.createdAt} />
      <span className={styles.buttons}>
        <Button
          busy={!!busy}
          aria-label={t('cancelNamed', { name })}
          onClick={() => void run('cancel', () => session.people.cancel(r.id))}
        >
          {t('cancelRequest')}
        </Button>
      </span>
    </li>
  );
}

function InvitationRow({ invitation: r }: { invitation: GroupInvitation }) {
  const { t } = useTranslation('requests');
  const { session, busy, run } = useAnswer('invitations');
  const group = r.group.name;
  return (
    <li className={`${styles.row} ${styles.request}`} data-testid="group-invitation">
      <Person
        avatar={r.group.avatarSmall}
        name={group}
        line={t('invitedBy', { name: r.inviter.displayName, count: r.group.memberCount })}
        note={r.group.description || undefined}
        time={r.createdAt}
      />
      <span className={styles.buttons}>
        <Button
          variant="primary"
          busy={busy === 'accept'}
          disabled={!!busy}
          aria-label={t('joinNamed', { name: group })}
          onClick={() =>
            void run('accept', async () => {
              const conversation = await session.groups.acceptInvitation(r);
              toast(t('joined', { name: group }));
              openConversation(conversation.id);
            })
          }
        >
          {t('join')}
        </Button>
        <Button
          busy={busy === 'decline'}
          disabled={!!busy}
          aria-label={t('declineNamed', { name: group })}
          onClick={() => void run('decline', () => session.groups.declineInvitation(r))}
        >
          {t('decline')}
        </Button>
      </span>
    </li>
  );
}

function JoinRequestRow({ request: r }: { request: JoinRequest }) {
  const { t } = useTranslation('requests');
  const { session, busy, run } = useAnswer('joinRequests');
  const name = r.applicant.displayName;
  return (
    <li className={`${styles.row} ${styles.request}`} data-testid="join-request">
      <Person
        avatar={r.applicant.avatarSmall}
        name={name}
        line={t('wantsToJoin', { group: r.group.name })}
        note={r.note || undefined}
        time={r.createdAt}
      />
      <span className={styles.buttons}>
        <Button
          variant="primary"
          busy={busy === 'approve'}
          disabled={!!busy}
          aria-label={t('approveNamed', { name })}
          onClick={() =>
            void run(
              'approve',
              () => session.groups.approve(r.id),
              t('approved', { name, group: r.group.name }),
            )
          }
        >
          {t('approve')}
        </Button>
        <Button
          busy={busy === 'reject'}
          disabled={!!busy}
          aria-label={t('rejectNamed', { name })}
          onClick={() => void run('reject', () => session.groups.reject(r.id))}
        >
          {t('reject')}
        </Button>
      </span>
    </li>
  );
}
