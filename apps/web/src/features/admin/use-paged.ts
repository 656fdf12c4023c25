import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../../util/error-text.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Paged<T> {
  /** Null until the first page is in. */
  items: T[] | null;
  loading: boolean;
  /** Why the latest load failed, in the user's language. */
  error: string | null;
  /** There is a next page. */
  more: boolean;
  loadMore(): void;
  /** Puts a changed row in place (an action's answer) or takes rows out. */
  update(change: (items: T[]) => T[]): void;
}

/**
 * A list the console pages through with the server's cursor: the first page whenever `key`
 * (the search and filter) changes, the next on loadMore. An answer for a query the user has
 * moved past is dropped, so typing fast never shows an older search's rows.
 */
export function usePaged<T>(key: string, fetchPage: (cursor?: string) => Promise<Page<T>>): Paged<T> {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const generation = useRef(0);

  const load = useCallback((from: string | undefined) => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    fetchRef.current(from).then(
      (page) => {
        if (mine !== generation.current) return;
        setItems((held) => (from && held ? [...held, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (err: unknown) => {
        if (mine !== generation.current) return;
        setError(errorText(err));
        setLoading(false);
      },
    );
  }, []);

  // The rows held stay until the new answer replaces them: a row being acted on (its menu
  // open) is not pulled away, and the list does not blink at every keystroke.
  useEffect(() => load(undefined), [key, load]);

  return {
    items,
    loading,
    error,
    more: cursor !== null,
    loadMore: () => cursor && !loading && load(cursor),
    update: (change) => setItems((held) => (held ? change(held) : held)),
  };
}
