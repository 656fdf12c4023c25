import { type Conversation, limits, type Message } from '@parley/protocol';
import { activityOf, newClientMsgId } from '@parley/sdk';
import { Check, CircleAlert } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../model/app-context.ts';
import { useNames } from '../../../model/use-names.ts';
import { useSessionState } from '../../../model/use-session-state.ts';
import { Avatar } from '../../../ui/Avatar.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { SearchField } from '../../../ui/SearchField.tsx';
import { toast } from '../../../ui/toast.tsx';
import { conversationAvatar, conversationTitle } from '../../../util/conversation-title.ts';
import { errorText } from '../../../util/error-text.ts';
import { messagePreview } from '../../../util/message-preview.ts';
import { matches } from '../../contacts/matches.ts';
import { type ForwardReport, forwardMessages } from './forward-messages.ts';
import people from '../../contacts/People.module.css';
import styles from './ForwardDialog.module.css';

interface ForwardDialogProps {
  /** What to forward, oldest first. */
  messages: readonly Message[];
  /** Closes it; `sent` when at least one copy went out (a selection is then done with). */
  onClose(sent: boolean): void;
}

/**
 * Forwarding: pick up to limits.forwardTargetsMax chats (most recently active first, with a
 * filter) and send the messages there. All went: the dialog closes with a toast. A chat that
 * refused (muted there, no longer friends…) is shown with its reason and can be tried again;
 * the others have their copies.
 */
export function ForwardDialog({ messages, onClose }: ForwardDialogProps) {
  const { t } = useTranslation('chat');
  const { session } = useSession();
  const names = useNames();
  const conversations = useSessionState((s) => s.conversations);
  const friends = useSessionState((s) => s.friends);
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ForwardReport | null>(null);
  const [anySent, setAnySent] = useState(false);
  // One forward id per message for the dialog's life: Try again never stores a copy twice.
  const [ids] = useState(() => new Map(messages.map((m) => [m.id, newClientMsgId()])));

  const chats = useMemo(
    () =>
      [...conversations]
        .sort((a, b) => activityOf(b).localeCompare(activityOf(a)))
        .map((c) => ({ c, title: conversationTitle(c, { friends }) })),
    [conversations, friends],
  );
  const shown = chats.filter(({ c, title }) => matches(query, title, c.peer?.username));
  const full = picked.length >= limits.forwardTargetsMax;

  const send = async (targets: readonly string[]) => {
    setBusy(true);
    const result = await forwardMessages(session, messages, targets, (id) => ids.get(id)!);
    setBusy(false);
    const reached = targets.filter((id) => !result.refused.has(id));
    const sent = anySent || (reached.length > 0 && result.skipped.length < messages.length);
    setAnySent(sent);
    if (reached.length > 0 && result.skipped.length < messages.length)
      toast(t('forward.done', { count: reached.length }));
    for (const { error } of result.skipped)
      toast(t('forward.skipped', { reason: errorText(error) }), 'error');
    if (result.refused.size === 0) onClose(sent);
    else setReport(result);
  };

  const title =
    messages.length === 1 ? t('forward.titleOne') : t('forward.title', { count: messages.length });
  return (
    <Dialog open onOpenChange={(open) => !open && !busy && onClose(anySent)} title={title}>
      {messages.length === 1 && <p className={styles.preview}>{messagePreview(messages[0]!, names, true)}</p>}
      {report ? (
        <Report
          chats={chats.filter(({ c }) => picked.includes(c.id))}
          report={report}
          busy={busy}
          onRetry={() => void send([...report.refused.keys()])}
          onClose={() => onClose(anySent)}
        />
      ) : (
        <div className={people.stack}>
          <span className={people.label} id="forward-to-label">
            {t('forward.to')} {picked.length > 0 && t('forward.picked', { count: picked.length })}
          </span>
          <SearchField
            value={query}
            onChange={setQuery}
            label={t('forward.filter')}
            placeholder={t('forward.filter')}
          />
          <ul className={`${people.pickList} ${styles.list}`} role="list" aria-labelledby="forward-to-label">
            {shown.length === 0 && <li className={people.emptySmall}>{t('forward.noMatch')}</li>}
            {shown.map(({ c, title }) => {
              const checked = picked.includes(c.id);
              const muted = mutedIn(c);
              const disabled = muted || (full && !checked);
              return (
                <li key={c.id}>
                  <label
                    className={people.pick}
                    data-disabled={disabled || undefined}
                    data-testid="forward-chat"
                  >
                    <input
                      type="checkbox"
                      checked={checked}
                      disabled={disabled}
                      onChange={(e) =>
                        setPicked(e.target.checked ? [...picked, c.id] : picked.filter((id) => id !== c.id))
                      }
                    />
                    <Avatar src={conversationAvatar(c)} name={title} size={34} />
                    <span className={people.body}>
                      <span className={people.name}>{title}</span>
                      <span className={people.sub}>
                        {muted
                          ? t('forward.muted')
                          : c.kind === 'direct'
                            ? `@${c.peer?.username ?? ''}`
                            : t('header.members', { count: c.memberCount })}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          {full && <p className={styles.note}>{t('forward.max', { count: limits.forwardTargetsMax })}</p>}
          <div className={people.actions}>
            <Button onClick={() => onClose(false)} disabled={busy}>
              {t('common:cancel')}
            </Button>
            <Button
              variant="primary"
              busy={busy}
              disabled={picked.length === 0}
              onClick={() => void send(picked)}
            >
              {t('forward.send')}
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

/** After a forward some chats refused: each chat with how it went, and Try again for the refused. */
function Report({
  chats,
  report,
  busy,
  onRetry,
  onClose,
}: {
  chats: { c: Conversation; title: string }[];
  report: ForwardReport;
  busy: boolean;
  onRetry(): void;
  onClose(): void;
}) {
  const { t } = useTranslation('chat');
  return (
    <div className={people.stack}>
      <p className={people.error} role="alert">
        {t('forward.someRefused', { count: report.refused.size })}
      </p>
      <ul className={`${people.pickList} ${styles.list}`} role="list" aria-label={t('forward.results')}>
        {chats.map(({ c, title }) => {
          const refusal = report.refused.get(c.id);
          return (
            <li key={c.id} className={styles.result} data-testid="forward-result" data-refused={!!refusal}>
              {refusal ? (
                <CircleAlert size={18} className={styles.bad} aria-hidden="true" />
              ) : (
                <Check size={18} className={styles.good} aria-hidden="true" />
              )}
              <span className={people.body}>
                <span className={people.name}>{title}</span>
                <span className={refusal ? styles.reason : people.sub}>
                  {refusal ? t('forward.refused', { reason: errorText(refusal) }) : t('forward.sent')}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
      <div className={people.actions}>
        <Button onClick={onClose} disabled={busy}>
          {t('common:close')}
        </Button>
        <Button variant="primary" busy={busy} onClick={onRetry}>
          {t('forward.retry')}
        </Button>
      </div>
    </div>
  );
}

/** Muted by an admin until a time not yet past: the server would refuse, so it is not offered. */
function mutedIn(c: Conversation): boolean {
  return c.myMutedUntil !== null && Date.parse(c.myMutedUntil) > Date.now();
}
