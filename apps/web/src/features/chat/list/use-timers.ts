import { useCallback, useEffect, useRef } from 'react';

/**
 * setTimeout and requestAnimationFrame that end with the component: whatever is still waiting
 * when it unmounts (the user opened another chat) is cancelled, so nothing runs for a list
 * that is gone.
 */
export function useTimers() {
  const timeouts = useRef(new Set<ReturnType<typeof setTimeout>>());
  const frames = useRef(new Set<number>());
  useEffect(() => {
    const [t, f] = [timeouts.current, frames.current];
    return () => {
      for (const id of t) clearTimeout(id);
      for (const id of f) cancelAnimationFrame(id);
      t.clear();
      f.clear();
    };
  }, []);
  const later = useCallback((run: () => void, ms: number) => {
    const id = setTimeout(() => {
      timeouts.current.delete(id);
      run();
    }, ms);
    timeouts.current.add(id);
    return () => {
      clearTimeout(id);
      timeouts.current.delete(id);
    };
  }, []);
  const nextFrame = useCallback((run: () => void) => {
    const id = requestAnimationFrame(() => {
      frames.current.delete(id);
      run();
    });
    frames.current.add(id);
  }, []);
  return { later, nextFrame };
}
