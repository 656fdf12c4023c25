import type { SearchResult } from '@parley/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../../model/app-context.ts';
import { errorText } from '../../util/error-text.ts';

const pageSize = 20;
const debounceMs = 300;

export interface MessageSearch {
  /** The trimmed query the results answer ('' while idle). */
  query: string;
  results: SearchResult[];
  /** The first page is on its way (the query changed or is being retried). */
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  /** Older messages may still match (the server gave a cursor). */
  hasMore: boolean;
  loadMore(): void;
  /** Repeats what failed: the first page, or the next one. */
  retry(): void;
}

interface State {
  query: string;
  results: SearchResult[];
  cursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  failed: 'first' | 'more' | null;
}

const idle: State = {
  query: '',
  results: [],
  cursor: null,
  loading: false,
  loadingMore: false,
  error: null,
  failed: null,
};

/**
 * Message search as the user types: the server is asked a moment after the typing stops, and
 * only the answer for the newest query is kept, so a slow earlier request never overwrites a
 * later one. Pages go on with the server's cursor; a page may be short or empty while older
 * messages remain (1–2 character queries scan a bounded window, see SearchMessagesPage).
 */
export function useMessageSearch(text: string, conversationId?: string): MessageSearch {
  const { session } = useSession();
  const [state, setState] = useState<State>(idle);
  const [attempt, setAttempt] = useState(0);
  /** Bumped for every new query: answers for an older one are dropped. */
  const generation = useRef(0);
  const q = text.trim();

  useEffect(() => {
    const gen = ++generation.current;
    if (!q) {
      setState(idle);
      return;
    }
    setState((s) => ({ ...s, loading: true, loadingMore: false, error: null, failed: null }));
    const timer = setTimeout(() => {
      session.chats.search({ q, conversationId, limit: pageSize }).then(
        (page) =>
          gen === generation.current &&
          setState({ ...idle, query: q, results: page.results, cursor: page.nextCursor }),
        (err: unknown) =>
          gen === generation.current &&
          setState({ ...idle, query: q, loading: false, error: errorText(err), failed: 'first' }),
      );
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [session, q, conversationId, attempt]);

  const latest = useRef(state);
  latest.current = state;
  const loadMore = useCallback(() => {
    const s = latest.current;
    if (!s.cursor || s.loading || s.loadingMore) return;
    const gen = generation.current;
    setState((prev) => ({ ...prev, loadingMore: true, error: null, failed: null }));
    session.chats.search({ q: s.query, conversationId, limit: pageSize, cursor: s.cursor }).then(
      (page) => {
        if (gen !== generation.current) return;
        setState((prev) => {
          const seen = new Set(prev.results.map((r) => r.message.id));
          const fresh = page.results.filter((r) => !seen.has(r.message.id));
          return {
            ...prev,
            results: [...prev.results, ...fresh],
            cursor: page.nextCursor,
            loadingMore: false,
          };
        });
      },
      (err: unknown) =>
        gen === generation.current &&
        setState((prev) => ({ ...prev, loadingMore: false, error: errorText(err), failed: 'more' })),
    );
  }, [session, conversationId]);

  const retry = useCallback(() => {
    if (latest.current.failed === 'more') loadMore();
    else setAttempt((a) => a + 1);
  }, [loadMore]);

  return {
    query: state.query,
    results: state.results,
    loading: state.loading,
    loadingMore: state.loadingMore,
    error: state.error,
    hasMore: state.cursor !== null,
    loadMore,
    retry,
  };
}
