import { useTranslation } from 'react-i18next';
import { useNames } from '../../model/use-names.ts';
import { useTyping } from './list/use-typing.ts';
import styles from './ChatPane.module.css';

/** "Alice is typing…" under the messages, for a few seconds after each typing event. */
export function TypingIndicator({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation('chat');
  const names = useNames();
  const typing = useTyping(conversationId);
  const text =
    typing.length === 0
      ? ''
      : typing.length === 1
        ? t('typing.one', { name: names(typing[0]!) })
        : typing.length === 2
          ? t('typing.two', { a: names(typing[0]!), b: names(typing[1]!) })
          : t('typing.many', { count: typing.length });
  return (
    <div className={styles.typing} aria-live="polite">
      {text && (
        <>
          <span className={styles.dots} aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          {text}
        </>
      )}
    </div>
  );
}
