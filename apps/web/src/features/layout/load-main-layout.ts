import type { ComponentType } from 'react';

/** The signed-in screens, once their chunk has arrived (see mainLayoutIfLoaded). */
let loaded: ComponentType | null = null;

/**
 * The signed-in screens are a chunk of their own, so the sign-in page (what a phone shows on a
 * first visit) downloads none of them. App renders them lazily.
 */
export const loadMainLayout = () =>
  import('./MainLayout.tsx').then((m) => {
    loaded = m.MainLayout;
    return m;
  });

/**
 * The screens when their chunk is already here, for App to render straight away. Rendered
 * through React.lazy instead, they would suspend for a moment even then, and React holds back
 * the content that replaces a fallback for up to 300 ms (its reveal throttle): on a reload
 * the chat list painted a third of a second after its data had arrived.
 */
export function mainLayoutIfLoaded(): ComponentType | null {
  return loaded;
}

/**
 * Starts the download before the screens are needed: on a reload while signed in, and when
 * the sign-in or register form is sent, so the chunk arrives while the server checks the
 * password. A failure here is not shown; rendering the screens tries again and shows it.
 * Resolves when it has arrived or failed.
 */
export function preloadMainLayout(): Promise<void> {
  return loadMainLayout().then(
    () => {},
    () => {},
  );
}
