import { useEffect, useRef, useState } from 'react';
import { refusalText } from '../groups/refusal.ts';

export interface SearchState<T> {
  results: T[] | null;
  busy: boolean;
  error: string | null;
}

/**
 * Runs `search(query)` a moment after the user stops typing; only the newest answer is shown,
 * so a slow earlier request never overwrites a later one. An empty query searches only when
 * `searchEmpty` (groups list everything; users need a name).
 */
export function useSearch<T>(
  query: string,
  search: (q: string) => Promise<T[]>,
  { enabled = true, searchEmpty = false, delay = 300 } = {},
): SearchState<T> & { retry(): void } {
  const [state, setState] = useState<SearchState<T>>({ results: null, busy: false, error: null });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  const run = useRef(search);
  run.current = search;
  useEffect(() => {
    const q = query.trim();
    const id = ++latest.current;
    if (!enabled || (!q && !searchEmpty)) {
      setState({ results: null, busy: false, error: null });
      return;
    }
    setState((s) => ({ ...s, busy: true, error: null }));
    const timer = setTimeout(() => {
      run.current(q).then(
        (results) => id === latest.current && setState({ results, busy: false, error: null }),
        (err: unknown) =>
          id === latest.current && setState({ results: null, busy: false, error: refusalText(err) }),
      );
    }, delay);
    return () => clearTimeout(timer);
  }, [query, enabled, searchEmpty, delay, attempt]);
  return { ...state, retry: () => setAttempt((a) => a + 1) };
}
