import { type RefObject, useLayoutEffect, useRef } from 'react';

/**
 * A ref that holds the latest `value`, for callbacks handed to react-virtuoso (which must keep
 * their identity) to read what was rendered last. Written after each render, never during one.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
