import { limits } from '@parley/protocol';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionState } from '../../model/use-session-state.ts';
import { SearchField } from '../../ui/SearchField.tsx';
import { conversationTitle } from '../../util/conversation-title.ts';
import { ChatList } from '../chats/ChatList.tsx';
import { ChatListItem } from '../chats/ChatListItem.tsx';
import { matches } from '../contacts/matches.ts';
import { GroupResults } from './GroupResults.tsx';
import { MessageResults } from './MessageResults.tsx';
import { PeopleResults } from './PeopleResults.tsx';
import styles from './Search.module.css';
import { onResultKeys } from './use-result-keys.ts';

/**
 * The Chats tab with a search box on top. While it holds text, the list gives way to the
 * conversations whose name matches (at once, locally), then from the server as the typing
 * pauses: people (each opens their card), listed groups (open, or join) and messages;
 * emptied, the usual list is back. The arrow keys go through the results.
 */
export function ChatsWithSearch({ activeId }: { activeId: string | null }) {
  const { t } = useTranslation('search');
  const [query, setQuery] = useState('');
  return (
    <div className={styles.tab} onKeyDown={onResultKeys}>
      <div className={styles.bar}>
        <SearchField
          value={query}
          onChange={setQuery}
          label={t('label')}
          placeholder={t('placeholder')}
          maxLength={limits.searchQueryMax}
          enterKeyHint="search"
          clearOnEscape
        />
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
      <PeopleResults query={query} />
      <GroupResults query={query} />
      <section className={styles.section} aria-labelledby="search-messages">
        <h3 className={styles.sectionTitle} id="search-messages">
          {t('messages')}
        </h3>
        <MessageResults query={query} />
      </section>
    </>
  );
}
