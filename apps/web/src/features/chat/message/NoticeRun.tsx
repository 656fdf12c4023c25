import type { Message } from '@parley/protocol';
import { ChevronDown, ChevronRight } from 'lucide-react';
import { memo, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNames } from '../../../model/use-names.ts';
import { noticeText } from '../../../util/message-preview.ts';
import styles from './NoticeRun.module.css';

/** "12 people joined", "3 joined, 1 left": who came and went in a run of notices, each counted once. */
export function useRunSummary(messages: readonly Message[]): string {
  const { t } = useTranslation('chat');
  const joined = new Set<string>();
  const left = new Set<string>();
  for (const m of messages)
    for (const id of m.notice?.userIds ?? []) (m.notice?.type === 'member.left' ? left : joined).add(id);
  if (left.size === 0) return t('noticeRun.joined', { count: joined.size });
  if (joined.size === 0) return t('noticeRun.left', { count: left.size });
  return t('noticeRun.both', { joined: joined.size, left: left.size });
}

/**
 * A run of join and leave notices as one line that opens, on a click, into the notices it
 * stands for: in the lobby or a busy group, arrivals would otherwise push the talk off screen.
 * Memoised on the newest notice: the run's rows change only when a notice is added to it.
 */
export const NoticeRun = memo(
  function NoticeRun({ messages }: { messages: readonly Message[] }) {
    const names = useNames();
    const summary = useRunSummary(messages);
    const [open, setOpen] = useState(false);
    const listId = useId();
    return (
      <div className={styles.run} data-testid="notice-run" data-seq={messages[0]!.seq}>
        <button
          type="button"
          className={styles.summary}
          aria-expanded={open}
          aria-controls={open ? listId : undefined}
          onClick={() => setOpen(!open)}
        >
          {open ? (
            <ChevronDown size={14} aria-hidden="true" />
          ) : (
            <ChevronRight size={14} aria-hidden="true" />
          )}
          {summary}
        </button>
        {open && (
          <ul id={listId} className={styles.list}>
            {messages.map((m) => (
              <li key={m.id} data-seq={m.seq}>
                {noticeText(m.notice!, names)}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  },
  (a, b) => a.messages.length === b.messages.length && a.messages.at(-1) === b.messages.at(-1),
);
