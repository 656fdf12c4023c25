import type { GroupSummary } from '@parley/protocol';
import { limits } from '@parley/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button } from '../../ui/Button.tsx';
import { openConversation } from '../../util/route.ts';
import { groupName } from '../../util/conversation-title.ts';
import { textProblem } from '../contacts/one-line.ts';
import { refusalText } from './refusal.ts';
import styles from '../contacts/People.module.css';

/**
 * One group found by search or by id: its name, size and how to get in. Open groups join at
 * once; approval groups take a note and wait; a group I am in opens instead.
 */
export function GroupCard({ group, onJoined }: { group: GroupSummary; onJoined(): void }) {
  const { t } = useTranslation('groups');
  const { session } = useSession();
  const member = useSessionState((s) => s.conversations.some((c) => c.id === group.id));
  const [applying, setApplying] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const problem = textProblem(note, limits.requestNoteMax, true);

  const join = async (e?: FormEvent) => {
    e?.preventDefault();
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      const result = await session.groups.join(group.id, applying ? note.trim() : undefined);
      if (result.status === 'joined') {
        onJoined();
        openConversation(result.conversation.id);
      } else {
        setPending(true);
        setApplying(false);
      }
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(false);
    }
  };
  const noteId = `join-note-${group.id}`;
  const policy = group.id === 'lobby' ? 'open' : group.joinPolicy;
  return (
    <li className={styles.card} style={{ flexWrap: 'wrap' }} data-testid="group-result">
      <Avatar src={group.avatarSmall} name={groupName(group)} size={42} />
      <span className={styles.body}>
        <span className={styles.name}>{groupName(group)}</span>
        <span className={styles.sub}>
          {t('memberCount', { count: group.memberCount })} · {t(`policy.${policy}Short`)}
        </span>
        {group.description && <span className={styles.sub}>{group.description}</span>}
      </span>
      {member ? (
        <Button onClick={() => (onJoined(), openConversation(group.id))}>{t('join.open')}</Button>
      ) : pending ? (
        <span className={styles.done}>{t('join.waiting')}</span>
      ) : policy === 'open' ? (
        <Button
          variant="primary"
          busy={busy}
          aria-label={t('join.joinNamed', { name: groupName(group) })}
          onClick={() => void join()}
        >
          {t('join.join')}
        </Button>
      ) : policy === 'approval' && !applying ? (
        <Button aria-label={t('join.applyNamed', { name: group.name })} onClick={() => setApplying(true)}>
          {t('join.apply')}
        </Button>
      ) : policy === 'invite' ? (
        <span className={styles.done}>{t('policy.inviteShort')}</span>
      ) : null}
      {applying && !member && !pending && (
        <form className={styles.form} style={{ flexBasis: '100%' }} onSubmit={(e) => void join(e)}>
          <div className={styles.stack}>
            <label className={styles.label} htmlFor={noteId}>
              {t('join.note')}
            </label>
            <textarea
              id={noteId}
              className={styles.textarea}
              value={note}
              autoFocus
              placeholder={t('join.notePlaceholder')}
              onChange={(e) => setNote(e.target.value)}
              aria-invalid={problem ? true : undefined}
            />
            <span className={styles.counter}>
              {note.length}/{limits.requestNoteMax}
            </span>
          </div>
          <div className={styles.actions} style={{ marginTop: 0 }}>
            <Button onClick={() => setApplying(false)} disabled={busy}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" variant="primary" busy={busy} disabled={!!problem}>
              {t('join.sendApplication')}
            </Button>
          </div>
        </form>
      )}
      {(error ?? (applying ? problem : null)) && (
        <p className={styles.error} style={{ flexBasis: '100%' }} role="alert">
          {error ?? problem}
        </p>
      )}
    </li>
  );
}
