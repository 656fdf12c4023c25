import { useTranslation } from 'react-i18next';
import { useSessionState } from '../../model/use-session-state.ts';
import { VisuallyHidden } from '../../ui/VisuallyHidden.tsx';
import { NewcomerHint } from '../people/NoChatOpen.tsx';
import { ChatListItem } from './ChatListItem.tsx';
import styles from './ChatList.module.css';

/** Conversations by last activity (pinned first), as the server orders them; first steps under them for a newcomer. */
export function ChatList({ activeId }: { activeId: string | null }) {
  const { t } = useTranslation('chat');
  const list = useSessionState((s) => s.conversations);
  const loaded = useSessionState((s) => s.loaded.conversations);
  // A device that has kept nothing yet: the list is on its way, not empty.
  if (list.length === 0 && !loaded) return <ListLoading />;
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

/** Grey rows where the chats will be, for the moment before the first list arrives. */
function ListLoading() {
  const { t } = useTranslation();
  return (
    <div className={styles.loading} role="status" data-testid="chat-list-loading">
      <VisuallyHidden>{t('loading')}</VisuallyHidden>
      {[0, 1, 2, 3, 4].map((i) => (
        <div key={i} className={styles.placeholder} aria-hidden="true">
          <span className={styles.placeholderAvatar} />
          <span className={styles.placeholderLines}>
            <span />
            <span />
          </span>
        </div>
      ))}
    </div>
  );
}
