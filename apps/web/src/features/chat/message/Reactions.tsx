import type { Message } from '@parley/protocol';
import { useTranslation } from 'react-i18next';
import { useNames } from '../../../model/use-names.ts';
import { useChatActions } from '../list/chat-actions.ts';
import styles from './MessageRow.module.css';

/** The emoji chips under a message: emoji and count, mine highlighted; a click adds or takes mine. */
export function Reactions({ message }: { message: Message }) {
  const { t } = useTranslation('chat');
  const names = useNames();
  const { myId, toggleReaction } = useChatActions();
  if (message.reactions.length === 0) return null;
  return (
    <div className={styles.reactions}>
      {message.reactions.map((r) => {
        const mine = r.userIds.includes(myId);
        const who = r.userIds.map((id) => names(id)).join(t('listSeparator'));
        return (
          <button
            key={r.emoji}
            type="button"
            className={mine ? `${styles.chip} ${styles.chipMine}` : styles.chip}
            aria-pressed={mine}
            aria-label={t('reactions.chip', { emoji: r.emoji, count: r.count, names: who })}
            title={who}
            onClick={() => toggleReaction(message, r.emoji)}
          >
            <span aria-hidden="true">{r.emoji}</span>
            <span className={styles.chipCount}>{r.count}</span>
          </button>
        );
      })}
    </div>
  );
}
