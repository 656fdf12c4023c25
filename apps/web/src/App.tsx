import { Suspense, lazy } from 'react';
import { AuthScreen } from './features/auth/AuthScreen.tsx';
import { NewPasswordScreen } from './features/auth/NewPasswordScreen.tsx';
import { loadMainLayout, mainLayoutIfLoaded } from './features/layout/load-main-layout.ts';
import type { AppModel } from './model/app-model.ts';
import { AppContext, SignedInContext } from './model/app-context.ts';
import { useValue } from './model/use-value.ts';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';
import { Toaster } from './ui/toast.tsx';

const LazyMainLayout = lazy(() => loadMainLayout().then((m) => ({ default: m.MainLayout })));

/**
 * `app` is made once, outside React (main.tsx): making it in a render would open a second
 * connection whenever React throws a first render away and starts again, which it may.
 */
export function App({ app }: { app: AppModel }) {
  const phase = useValue(app.phase);
  const MainLayout = mainLayoutIfLoaded() ?? LazyMainLayout;
  return (
    <AppContext.Provider value={app}>
      {phase.kind === 'signed-in' ? (
        <SignedInContext.Provider value={phase.app} key={phase.app.client.token}>
          <ErrorBoundary name="Parley">
            <Suspense fallback={null}>
              <MainLayout />
            </Suspense>
          </ErrorBoundary>
        </SignedInContext.Provider>
      ) : phase.kind === 'new-password' ? (
        <NewPasswordScreen username={phase.user.username} />
      ) : (
        <AuthScreen notice={phase.notice} />
      )}
      <Toaster />
    </AppContext.Provider>
  );
}
