import { useSyncExternalStore } from 'react';
import type { Observable } from './observable.ts';

/** Reads an Observable and re-renders when it changes. */
export function useValue<T>(observable: Observable<T>): T {
  return useSyncExternalStore(observable.subscribe, observable.get);
}
