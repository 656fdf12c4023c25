import { startTransition, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unreadTotal } from '@parley/sdk';
import { useSessionState } from '../../model/use-session-state.ts';
import { ErrorBoundary } from '../../ui/ErrorBoundary.tsx';
import { VisuallyHidden } from '../../ui/VisuallyHidden.tsx';
import { useNarrow } from '../../ui/use-narrow.ts';
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
  const { t } = useTranslation();
  const { conversationId } = useRoute();
  const total = useSessionState((s) => unreadTotal(s, { muted: true }));
  // On a phone with no chat open the lists are the whole screen and the chat's <main> is not
  // drawn: the lists are then the screen's main landmark, so there is always exactly one.
  const narrow = useNarrow();
  const listsAreMain = narrow && !conversationId;
  useNotifier(conversationId);
  // On a phone only one pane is on screen: the other is drawn after it, in a transition
  // (slices the browser can paint and answer between), so the first screen does not wait for
  // it. Once drawn it stays, keeping its tab and search for going back and forth.
  const [bothDrawn, setBothDrawn] = useState(!narrow);
  useEffect(() => {
    if (!bothDrawn) startTransition(() => setBothDrawn(true));
  }, [bothDrawn]);
  const drawLists = bothDrawn || listsAreMain;
  const drawChat = bothDrawn || !listsAreMain;

  // The unread count in the tab title, like every messenger.
  useEffect(() => {
    document.title = total > 0 ? `(${total > 999 ? '999+' : total}) Parley` : 'Parley';
  }, [total]);

  return (
    <div className={styles.layout} data-open={conversationId ? 'chat' : 'lists'}>
      {drawLists ? (
        <ErrorBoundary name="the lists">
          <Sidebar activeId={conversationId} main={listsAreMain} />
        </ErrorBoundary>
      ) : (
        <div hidden />
      )}
      <main className={styles.main}>
        {drawChat && (
          <ErrorBoundary name="the chat" key={conversationId}>
            <ChatPane conversationId={conversationId} />
          </ErrorBoundary>
        )}
      </main>
      {/* The screen's one h1, for screen readers (the chat's name is an h2), in a banner landmark.
          Last, so the phone layout's :first-child rule still finds the lists. */}
      <VisuallyHidden as="header">
        <h1>{t('appName')}</h1>
      </VisuallyHidden>
    </div>
  );
}
