import { type Message, parseMarkdown, plainText } from '@parley/protocol';
import { useTranslation } from 'react-i18next';
import { useNames } from '../../../model/use-names.ts';
import { useChatActions } from '../list/chat-actions.ts';
import styles from './MessageRow.module.css';

/** The answered message above a reply: its sender and a line of it; a click scrolls to it. */
export function ReplyQuote({ reply }: { reply: NonNullable<Message['replyTo']> }) {
  const { t } = useTranslation('chat');
  const names = useNames();
  const { jumpTo } = useChatActions();
  // The SDK revises the preview when the quoted message is edited or recalled.
  const recalled = reply.recalled;
  const sender = names(reply.senderId);
  const text = recalled ? t('reply.recalled') : plainText(parseMarkdown(reply.text)) || t('reply.media');
  return (
    <button
      type="button"
      className={styles.quote}
      onClick={() => jumpTo(reply.seq)}
      aria-label={t('reply.jump', { name: sender, text })}
    >
      <span className={styles.quoteName}>{sender}</span>
      <span className={recalled ? `${styles.quoteText} ${styles.quoteRecalled}` : styles.quoteText}>
        {text}
      </span>
    </button>
  );
}
