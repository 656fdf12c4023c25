import '@fontsource-variable/inter';
import './styles/base.css';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { preloadMainLayout } from './features/layout/load-main-layout.ts';
import { initI18n } from './i18n/index.ts';
import { loadSession } from './model/saved-session.ts';
import { registerServiceWorker } from './pwa.ts';
import { applyTheme } from './theme.ts';

applyTheme();
// Signed in already: the main screens' chunk downloads while the rest starts up.
if (loadSession()) preloadMainLayout();
await initI18n();
const root = createRoot(document.getElementById('root')!);
// A transition: React renders the first screen in slices of a few milliseconds, yielding to
// the browser in between, instead of one long task that a phone's slow CPU makes longer still
// (Lighthouse's total blocking time). Nothing is on screen before it either way.
startTransition(() => {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
registerServiceWorker();
