import { type Message, parseMarkdown, plainText } from '@parley/protocol';
import { useCallback, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../model/app-context.ts';
import { useNames } from '../../../model/use-names.ts';
import { useChatActions } from '../list/chat-actions.ts';
import styles from './MessageRow.module.css';

/** The answered message above a reply: its sender and a line of it; a click scrolls to it. */
export function ReplyQuote({ reply }: { reply: NonNullable<Message['replyTo']> }) {
  const { t } = useTranslation('chat');
  const names = useNames();
  const { jumpTo, conversationId } = useChatActions();
  const recalled = useRecalledSince(conversationId, reply.seq) || reply.recalled;
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

/**
 * The quote is a copy made when the reply was sent; when the answered message is recalled
 * later, the copy still holds its text. Watch the held original so the quote turns into a
 * tombstone too (the recall must hide the text everywhere, not only in its own bubble).
 */
function useRecalledSince(conversationId: string, seq: number): boolean {
  const { store } = useSession();
  const subscribe = useCallback(
    (onChange: () => void) => store.subscribe((id) => id === conversationId && onChange()),
    [store, conversationId],
  );
  const read = () => {
    const messages = store.messages(conversationId);
    const first = messages[0]?.seq ?? 0;
    const held = messages[seq - first];
    return held?.seq === seq ? Boolean(held.recalledAt) : false;
  };
  return useSyncExternalStore(subscribe, read);
}
