import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionState } from '../../model/use-session-state.ts';
import { conversationTitle } from '../../util/conversation-title.ts';
import { ChatList } from '../chats/ChatList.tsx';
import { ChatListItem } from '../chats/ChatListItem.tsx';
import { matches } from '../contacts/matches.ts';
import { MessageResults } from './MessageResults.tsx';
import { SearchField } from './SearchField.tsx';
import styles from './Search.module.css';

/**
 * The Chats tab with a search box on top. While it holds text, the list gives way to the
 * conversations whose name matches (at once, locally) and the messages that do (from the
 * server, as the typing pauses); emptied, the usual list is back.
 */
export function ChatsWithSearch({ activeId }: { activeId: string | null }) {
  const { t } = useTranslation('search');
  const [query, setQuery] = useState('');
  return (
    <div className={styles.tab}>
      <div className={styles.bar}>
        <SearchField value={query} onChange={setQuery} label={t('label')} placeholder={t('placeholder')} />
      </div>
      {query.trim() ? <Found query={query} activeId={activeId} /> : <ChatList activeId={activeId} />}
    </div>
  );
}

function Found({ query, activeId }: { query: string; activeId: string | null }) {
  const { t } = useTranslation('search');
  const list = useSessionState((s) => s.conversations);
  const friends = useSessionState((s) => s.friends);
  const chats = useMemo(
    () =>
      list.filter((c) =>
        matches(query, conversationTitle(c, { friends }), c.kind === 'direct' ? c.peer?.username : null),
      ),
    [list, friends, query],
  );
  return (
    <>
      {chats.length > 0 && (
        <section className={styles.section} aria-labelledby="search-chats">
          <h3 className={styles.sectionTitle} id="search-chats">
            {t('chats')}
          </h3>
          <ul className={styles.list} aria-labelledby="search-chats">
            {chats.map((c) => (
              <ChatListItem key={c.id} conversation={c} active={c.id === activeId} />
            ))}
          </ul>
        </section>
      )}
      <section className={styles.section} aria-labelledby="search-messages">
        <h3 className={styles.sectionTitle} id="search-messages">
          {t('messages')}
        </h3>
        <MessageResults query={query} />
      </section>
    </>
  );
}
