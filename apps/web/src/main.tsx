import '@fontsource-variable/inter';
import './styles/base.css';
import { StrictMode } from 'react';
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
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
registerServiceWorker();
