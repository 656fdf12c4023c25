import { useEffect } from 'react';
import { useSession } from '../../model/app-context.ts';
import { useValue } from '../../model/use-value.ts';
import { useRoute } from '../../util/route.ts';
import { ChatPane } from '../chat/ChatPane.tsx';
import { useNotifier } from '../notify/use-notifier.ts';
import styles from './MainLayout.module.css';
import { Sidebar } from './Sidebar.tsx';

/**
 * Lists on the left, the open chat on the right; on a phone-sized screen one at a time (the
 * chat when one is open, Back returns to the lists).
 */
export function MainLayout() {
  const session = useSession();
  const { conversationId } = useRoute();
  const list = useValue(session.conversations.list);
  useNotifier(conversationId);

  // The unread count in the tab title, like every messenger.
  useEffect(() => {
    const total = list.reduce((sum, c) => sum + c.unreadCount, 0);
    document.title = total > 0 ? `(${total > 999 ? '999+' : total}) Parley` : 'Parley';
  }, [list]);

  return (
    <div className={styles.layout} data-open={conversationId ? 'chat' : 'lists'}>
      <Sidebar activeId={conversationId} />
      <main className={styles.main}>
        <ChatPane conversationId={conversationId} />
      </main>
    </div>
  );
}
