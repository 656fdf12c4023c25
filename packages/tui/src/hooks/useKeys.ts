import { type Key, useInput } from 'ink';
import { useCallback, useRef } from 'react';
import { splitTyped } from '../text/line-edit.ts';

/**
 * Ink's useInput, with two fixes for keys that come quickly:
 * - Ink re-subscribes a new handler only in an effect after the render, a moment after the
 *   screen shows it; a key in that moment would reach the previous render's handler, which
 *   knows the old rows. This always calls the handler of the latest render.
 * - Several keys read in one chunk (`hello\r`) are split back into keys (splitTyped).
 */
export function useKeys(handler: (input: string, key: Key) => void, isActive = true): void {
  const latest = useRef(handler);
  latest.current = handler;
  const onInput = useCallback((typed: string, pressed: Key) => {
    for (const { input, key } of splitTyped(typed, pressed)) latest.current(input, key);
  }, []);
  useInput(onInput, { isActive });
}
