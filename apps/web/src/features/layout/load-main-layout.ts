/**
 * The signed-in screens are a chunk of their own, so the sign-in page (what a phone shows on a
 * first visit) downloads none of them. App renders them lazily.
 */
export const loadMainLayout = () => import('./MainLayout.tsx');

/**
 * Starts the download before the screens are needed: on a reload while signed in, and when
 * the sign-in or register form is sent, so the chunk arrives while the server checks the
 * password. A failure here is not shown; rendering the screens tries again and shows it.
 */
export function preloadMainLayout(): void {
  loadMainLayout().catch(() => {});
}
