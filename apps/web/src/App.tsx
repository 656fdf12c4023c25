import { Suspense, lazy, useMemo } from 'react';
import { AuthScreen } from './features/auth/AuthScreen.tsx';
import { loadMainLayout } from './features/layout/load-main-layout.ts';
import { AppModel } from './model/app-model.ts';
import { AppContext, SignedInContext } from './model/app-context.ts';
import { useValue } from './model/use-value.ts';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';
import { Toaster } from './ui/toast.tsx';

const MainLayout = lazy(() => loadMainLayout().then((m) => ({ default: m.MainLayout })));

export function App() {
  const app = useMemo(() => new AppModel(), []);
  const phase = useValue(app.phase);
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
      ) : (
        <AuthScreen notice={phase.notice} />
      )}
      <Toaster />
    </AppContext.Provider>
  );
}
