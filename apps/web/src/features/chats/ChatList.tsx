import { useTranslation } from 'react-i18next';
import { useSessionState } from '../../model/use-session-state.ts';
import { NewcomerHint } from '../people/NoChatOpen.tsx';
import { ChatListItem } from './ChatListItem.tsx';
import styles from './ChatList.module.css';

/** Conversations by last activity (pinned first), as the server orders them; first steps under them for a newcomer. */
export function ChatList({ activeId }: { activeId: string | null }) {
  const { t } = useTranslation('chat');
  const list = useSessionState((s) => s.conversations);
  if (list.length === 0)
    return (
      <>
        <p className={styles.empty}>{t('noConversations')}</p>
        <NewcomerHint />
      </>
    );
  return (
    <>
      <ul className={styles.list} aria-label={t('common:tabs.chats')}>
        {list.map((c) => (
          <ChatListItem key={c.id} conversation={c} active={c.id === activeId} />
        ))}
      </ul>
      <NewcomerHint />
    </>
  );
}
