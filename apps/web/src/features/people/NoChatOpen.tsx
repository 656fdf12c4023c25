import { MessagesSquare } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { FirstSteps } from './FirstSteps.tsx';
import { useNewcomer } from './use-newcomer.ts';
import styles from './FirstSteps.module.css';

/**
 * The chat pane with no chat open: the first steps for a newcomer (with the lobby there or
 * not), else the hint to pick a conversation.
 */
export function NoChatOpen() {
  const { t } = useTranslation('chat');
  const newcomer = useNewcomer();
  return (
    <div className={styles.pane}>
      {newcomer ? (
        <FirstSteps />
      ) : (
        <>
          <MessagesSquare size={56} strokeWidth={1.3} aria-hidden="true" />
          <p>{t('noChat')}</p>
        </>
      )}
    </div>
  );
}

/** Under the chat list while I know nobody: the same steps, smaller. */
export function NewcomerHint() {
  return useNewcomer() ? <FirstSteps compact /> : null;
}
