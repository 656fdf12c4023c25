import { type RefObject, useCallback, useRef, useState } from 'react';

/**
 * useState whose latest value can also be read at once through a ref. Keys typed faster than
 * the screen redraws (Enter, then ↑ before the chat has opened on screen) must each act on
 * what the previous key did, not on the last render's state.
 */
export function useSyncedState<T>(initial: T): [T, (next: T | ((previous: T) => T)) => void, RefObject<T>] {
  const [state, setState] = useState(initial);
  const ref = useRef(state);
  const set = useCallback((next: T | ((previous: T) => T)) => {
    ref.current = typeof next === 'function' ? (next as (previous: T) => T)(ref.current) : next;
    setState(ref.current);
  }, []);
  return [state, set, ref];
}
