import '@fontsource-variable/inter';
import './styles/base.css';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { preloadMainLayout } from './features/layout/load-main-layout.ts';
import { initI18n } from './i18n/index.ts';
import { AppModel } from './model/app-model.ts';
import { loadSession } from './model/saved-session.ts';
import { registerServiceWorker } from './pwa.ts';
import { applyTheme } from './theme.ts';

applyTheme();
// Signed in already: the main screens' chunk (already on its way, started by the page) is
// awaited with the translations, so the first render draws them with nothing to wait for.
// Not a top-level await: that chunk imports this one, which would then never finish.
void Promise.all([initI18n(), loadSession() && preloadMainLayout()]).then(async () => {
  // A task of its own for starting the session and the first render: the browser paints and
  // answers in between instead of after the chunks' evaluation too (one long task less).
  await new Promise((resolve) => setTimeout(resolve, 0));
  const app = new AppModel();
  const root = createRoot(document.getElementById('root')!);
  // A transition: React renders the first screen in slices of a few milliseconds, yielding
  // to the browser in between, instead of one long task that a phone's slow CPU makes longer
  // still (Lighthouse's total blocking time). Nothing is on screen before it either way.
  startTransition(() => {
    root.render(
      <StrictMode>
        <App app={app} />
      </StrictMode>,
    );
  });
});
registerServiceWorker();
