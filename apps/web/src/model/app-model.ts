import type { AuthResult } from '@parley/protocol';
import { type EndReason as SessionEndReason, ParleyClient } from '@parley/sdk';
import { deleteUserCache } from '../cache/cache-db.ts';
import { clearToasts } from '../ui/toast.tsx';
import { Observable } from './observable.ts';
import { rememberKnownDevice } from './known-devices.ts';
import { clearSession, loadSession, saveSession } from './saved-session.ts';
import { SignedIn } from './signed-in.ts';

/** Why a session ended without the user signing out here (the notice on the sign-in screen). */
export type EndReason = Exclude<SessionEndReason, 'logged_out'>;

export type Phase = { kind: 'signed-out'; notice: EndReason | null } | { kind: 'signed-in'; app: SignedIn };

/** The whole client: signed out (with why, when the server ended the session) or signed in. */
export class AppModel {
  readonly phase: Observable<Phase>;
  private offEnded: (() => void) | null = null;

  constructor() {
    const saved = loadSession();
    this.phase = new Observable<Phase>({ kind: 'signed-out', notice: null });
    if (saved) this.enter(new SignedIn(saved.token, saved.user));
  }

  /** A client for the sign-in screens (no token). */
  anonymous(): ParleyClient {
    return new ParleyClient({ baseUrl: location.origin });
  }

  signedIn(auth: AuthResult): SignedIn {
    saveSession({ token: auth.token, user: auth.user });
    rememberKnownDevice(auth.user.username, auth.knownDevice);
    const app = new SignedIn(auth.token, auth.user);
    this.enter(app);
    return app;
  }

  async signOut(): Promise<void> {
    const current = this.phase.get();
    if (current.kind !== 'signed-in') return;
    await current.app.session.signOut();
    this.leave(null);
  }

  private enter(app: SignedIn): void {
    this.offEnded = app.session.subscribe(() => {
      const ended = app.session.getSnapshot().ended;
      // logged_out: this device signed out (signOut leaves by itself).
      if (ended && ended !== 'logged_out') this.leave(ended);
    });
    this.phase.set({ kind: 'signed-in', app });
  }

  /**
   * Signed out here or ended by the server: the session's cached conversations, history and
   * unsent messages are deleted with it, so that nothing stays on a device the user left.
   */
  private leave(notice: EndReason | null): void {
    const current = this.phase.get();
    if (current.kind === 'signed-in') {
      this.offEnded?.();
      current.app.dispose();
      void deleteUserCache(current.app.me.id);
      current.app.drafts.clear();
      clearToasts();
    }
    clearSession();
    this.phase.set({ kind: 'signed-out', notice });
  }
}
