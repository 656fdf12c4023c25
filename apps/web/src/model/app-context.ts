import { createContext, useContext } from 'react';
import type { AppModel } from './app-model.ts';
import type { SignedIn } from './signed-in.ts';

export const AppContext = createContext<AppModel | null>(null);
export const SignedInContext = createContext<SignedIn | null>(null);

export function useApp(): AppModel {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp outside AppContext');
  return app;
}

/** The signed-in session; only under the main layout. */
export function useSession(): SignedIn {
  const session = useContext(SignedInContext);
  if (!session) throw new Error('useSession outside SignedInContext');
  return session;
}
