/**
 * Focuses an element once the browser has painted the frame it is in. `autoFocus` focuses
 * during React's commit, and focus() there makes the browser compute style and layout of the
 * whole new screen at once, inside the same task as the render: on the sign-in page (the
 * first screen a phone shows) that was one long task of render + style + layout. After the
 * paint, style and layout are done already and the focus costs nothing. Returns a cancel.
 */
export function focusAfterPaint(element: () => HTMLElement | null | undefined): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The frame callback runs before that frame's paint; the task after it, after the paint.
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(() => {
      const target = element();
      // Someone already went elsewhere (typed into the other field, tabbed): leave them there.
      if (target && (document.activeElement === document.body || document.activeElement === null))
        target.focus();
    });
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
