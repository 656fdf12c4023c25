import type { SearchResult } from '@parley/protocol';
import { SearchX } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { openMessage } from '../../util/route.ts';
import { ResultRow } from './ResultRow.tsx';
import styles from './Search.module.css';
import { useMessageSearch } from './use-message-search.ts';

interface MessageResultsProps {
  query: string;
  /** Only this conversation's messages. */
  conversationId?: string;
  /** Called after a result was opened (a dialog closes itself). */
  onOpened?(): void;
}

/**
 * Messages matching `query`, newest first, with the states a person needs to read: searching,
 * nothing found, a refusal (with Try again), and "more" while the server has older pages.
 * Opening a result routes to the message (`#/c/<id>/m/<seq>`); the chat jumps to it.
 */
export function MessageResults({ query, conversationId, onOpened }: MessageResultsProps) {
  const { t } = useTranslation('search');
  const search = useMessageSearch(query, conversationId);
  const open = (result: SearchResult) => {
    onOpened?.();
    openMessage(result.message.conversationId, result.message.seq);
  };
  if (!query.trim()) return null;
  if (search.loading && search.results.length === 0)
    return (
      <p className={styles.note} role="status">
        {t('searching')}
      </p>
    );
  const empty = search.results.length === 0;
  return (
    <div className={styles.results} aria-busy={search.loading || search.loadingMore || undefined}>
      {!empty && (
        <ul className={styles.list} aria-label={t('resultsLabel')}>
          {search.results.map((result) => (
            <ResultRow
              key={result.message.id}
              result={result}
              inConversation={conversationId !== undefined}
              onOpen={open}
            />
          ))}
        </ul>
      )}
      {search.error ? (
        <div className={styles.note} role="alert">
          <p>{search.error}</p>
          <Button onClick={search.retry}>{t('retry')}</Button>
        </div>
      ) : empty ? (
        <div className={styles.empty} role="status" data-testid="search-empty">
          <SearchX size={36} strokeWidth={1.5} aria-hidden="true" />
          <p>
            {search.hasMore
              ? t('noneRecent', { query: search.query })
              : t('noResults', { query: search.query })}
          </p>
        </div>
      ) : null}
      {search.hasMore && !search.error && (
        <div className={styles.more}>
          <Button variant="ghost" busy={search.loadingMore} onClick={search.loadMore}>
            {search.loadingMore ? t('searching') : empty ? t('searchOlder') : t('loadMore')}
          </Button>
        </div>
      )}
    </div>
  );
}
