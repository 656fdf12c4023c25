import { useRef } from 'react';

interface SwipeOptions {
  /** Off while the picture is zoomed: a drag pans it then. */
  enabled: boolean;
  /** A finger (or the mouse) moved to the left: the next one. */
  onLeft(): void;
  onRight(): void;
}

/** How far a mostly sideways move must go to count as a swipe. */
const minDistance = 50;

/**
 * A sideways swipe over an element, with pointer events (touch, pen or a mouse drag). A second
 * finger makes it a pinch, never a swipe. `swiped()` tells a click handler that the click
 * ended a swipe and is no click.
 */
export function useSwipe({ enabled, onLeft, onRight }: SwipeOptions) {
  const start = useRef<{ x: number; y: number } | null>(null);
  const down = useRef(0);
  const swiped = useRef(false);
  const lift = () => {
    down.current = Math.max(0, down.current - 1);
  };
  return {
    handlers: {
      onPointerDown: (e: React.PointerEvent) => {
        down.current += 1;
        swiped.current = false;
        start.current = down.current === 1 ? { x: e.clientX, y: e.clientY } : null;
      },
      onPointerUp: (e: React.PointerEvent) => {
        lift();
        const from = start.current;
        start.current = null;
        if (!from || !enabled) return;
        const dx = e.clientX - from.x;
        const dy = e.clientY - from.y;
        if (Math.abs(dx) < minDistance || Math.abs(dx) < 1.5 * Math.abs(dy)) return;
        swiped.current = true;
        if (dx < 0) onLeft();
        else onRight();
      },
      onPointerCancel: () => {
        lift();
        start.current = null;
      },
    },
    swiped: () => swiped.current,
  };
}
