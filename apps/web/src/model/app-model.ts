import type { AuthResult, Me } from '@parley/protocol';
import { type EndReason as SessionEndReason, ParleyClient, ParleyError } from '@parley/sdk';
import { deleteUserCache } from '../cache/cache-db.ts';
import { clearToasts } from '../ui/toast.tsx';
import { Observable } from './observable.ts';
import { rememberKnownDevice } from './known-devices.ts';
import { clearSession, loadSession, saveSession } from './saved-session.ts';
import { SignedIn } from './signed-in.ts';

/** Why a session ended without the user signing out here (the notice on the sign-in screen). */
export type EndReason = Exclude<SessionEndReason, 'logged_out'>;

export type Phase =
  | { kind: 'signed-out'; notice: EndReason | null }
  /** Signed in with a password an admin reset: nothing but choosing a new one (or signing out). */
  | { kind: 'new-password'; token: string; user: Me }
  | { kind: 'signed-in'; app: SignedIn };

/**
 * The whole client: signed out (with why, when the server ended the session), made to choose a
 * new password, or signed in.
 */
export class AppModel {
  readonly phase: Observable<Phase>;
  private offEnded: (() => void) | null = null;

  constructor() {
    const saved = loadSession();
    this.phase = new Observable<Phase>({ kind: 'signed-out', notice: null });
    if (saved?.user.mustChangePassword) this.phase.set({ kind: 'new-password', ...saved });
    else if (saved) this.enter(new SignedIn(saved.token, saved.user));
  }

  /** A client for the sign-in screens (no token). */
  anonymous(): ParleyClient {
    return new ParleyClient({ baseUrl: location.origin });
  }

  /**
   * After sign-in or sign-up. A password an admin reset leads to choosing a new one first
   * (the 'new-password' phase): no session and no socket until then, since the server refuses
   * the socket's hello (and every route but /me/password) with password_change_required, and a
   * session that kept reconnecting, or signed itself out on it, would never get anywhere.
   */
  signedIn(auth: AuthResult): void {
    saveSession({ token: auth.token, user: auth.user });
    rememberKnownDevice(auth.user.username, auth.knownDevice);
    if (auth.user.mustChangePassword)
      this.phase.set({ kind: 'new-password', token: auth.token, user: auth.user });
    else this.enter(new SignedIn(auth.token, auth.user));
  }

  /**
   * The 'new-password' phase's one action: the temporary password and the new one. On success
   * the session is an ordinary one (the server keeps it; others were signed out at the reset)
   * and the app goes on signed in. Rejects with the server's refusal (wrong_password …).
   */
  async choosePassword(currentPassword: string, newPassword: string): Promise<void> {
    const current = this.phase.get();
    if (current.kind !== 'new-password') return;
    const client = new ParleyClient({ baseUrl: location.origin, token: current.token });
    try {
      await client.http.changePassword({ currentPassword, newPassword });
    } catch (err) {
      // The session ended meanwhile (another device chose the password first, or an admin reset
      // it again): back to sign-in, as when a signed-in session ends.
      if (err instanceof ParleyError && err.code === 'unauthenticated') return this.leave('expired');
      throw err;
    }
    // The change cleared the reset: the flag from before is not carried into the session.
    const { mustChangePassword: _, ...me } = await client.http.me().catch(() => current.user);
    if (this.phase.get() !== current) return;
    saveSession({ token: current.token, user: me });
    this.enter(new SignedIn(current.token, me));
  }

  async signOut(): Promise<void> {
    const current = this.phase.get();
    if (current.kind === 'new-password') {
      const client = new ParleyClient({ baseUrl: location.origin, token: current.token });
      await client.http.logout().catch(() => {});
    } else if (current.kind === 'signed-in') await current.app.session.signOut();
    else return;
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
