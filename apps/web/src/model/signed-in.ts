import type { Me } from '@parley/protocol';
import { type Connection, type ConversationStore, ParleyClient, ParleySession } from '@parley/sdk';
import { OfflineCache } from '../cache/offline-cache.ts';
import { Drafts } from '../features/chat/composer/drafts.ts';
import { routeOf } from '../util/route.ts';
import { saveSession } from './saved-session.ts';

/** How many of a conversation's newest messages are loaded when it is first opened. */
export const initialHistory = 40;

/**
 * Everything that exists while a user is signed in: the SDK session (which owns every piece
 * of client state: docs/architecture.md "Clients") and the offline cache that seeds it. Built
 * from a saved token without waiting for the server, so cached data shows at once even
 * offline; the connection catches up when it can. Components read the session's snapshots
 * (useSessionState) and call its actions; nothing here keeps state of its own.
 */
export class SignedIn {
  readonly client: ParleyClient;
  readonly session: ParleySession;
  /** This user's conversations, recent history and unsent messages, kept across reloads. */
  readonly cache: OfflineCache;
  /** What the user was writing in each conversation. */
  readonly drafts: Drafts;
  private readonly offs: (() => void)[] = [];
  /** The first screen's data is in (watchFirstScreen). */
  private readonly firstScreen: Promise<void>;

  constructor(token: string, me: Me) {
    this.client = new ParleyClient({ baseUrl: location.origin, token });
    this.session = new ParleySession({
      client: this.client,
      me,
      // What the first screen does not show waits until it is drawn (firstScreenDrawn).
      messages: { initialHistory, backgroundFillsAfter: () => this.firstScreenDrawn() },
      backgroundLoadsAfter: () => this.firstScreenDrawn(),
    });
    this.firstScreen = this.watchFirstScreen();
    this.cache = new OfflineCache({ userId: me.id, session: this.session });
    this.drafts = new Drafts(me.id);
    let saved = me;
    this.offs.push(
      this.session.subscribe(() => {
        const now = this.session.getSnapshot().me;
        if (now !== saved) saveSession({ token: this.client.token!, user: (saved = now) });
      }),
      this.connection.on('hello', () => void this.client.http.uploads.enableMediaCookie().catch(() => {})),
      ...this.reconnectWhenTheNetworkReturns(),
    );
  }

  get connection(): Connection {
    return this.session.connection;
  }

  get store(): ConversationStore {
    return this.session.messages;
  }

  get me(): Me {
    return this.session.getSnapshot().me;
  }

  /**
   * The first screen's data: the chat list and, on a reload with a chat open (#/c/<id>), that
   * chat's newest messages. Their history is asked for the moment the list shows the chat is
   * mine, not once the screens have been drawn around it (the message list asks again,
   * sharing the request). Resolves when all of it is in, or could not be.
   */
  private watchFirstScreen(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        const { loaded, conversations } = this.session.getSnapshot();
        if (!loaded.conversations) return;
        off();
        const { conversationId } = routeOf(location.hash);
        if (conversationId && conversations.some((c) => c.id === conversationId))
          this.store.track(conversationId).then(resolve, resolve);
        else resolve();
      };
      const off = this.session.subscribe(check);
      check();
    });
  }

  /**
   * Resolves once the first screen's data is in and the browser has drawn it and gone idle (or
   * after five seconds whatever happens): the newest messages of every other chat, kept for
   * offline and for opening a chat at once, and the applications to my groups load after
   * that, not in the first screen's way.
   */
  private async firstScreenDrawn(): Promise<void> {
    let giveUp: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      // A second for drawing it (a message list takes a few frames to settle at the bottom),
      // then the first moment the browser has nothing to do.
      this.firstScreen.then(
        () =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              if (typeof requestIdleCallback === 'function')
                requestIdleCallback(() => resolve(), { timeout: 2000 });
              else resolve();
            }, 1000),
          ),
      ),
      new Promise<void>((resolve) => (giveUp = setTimeout(resolve, 5000))),
    ]);
    clearTimeout(giveUp);
  }

  /**
   * The browser knows before the heartbeat when the network comes and goes: back online (or
   * back in front of the user) the connection tries at once rather than after its backoff,
   * and an open one checks its link; gone offline, an open one checks its link, so a dead
   * socket is noticed in seconds, not after the next missed heartbeat.
   */
  private reconnectWhenTheNetworkReturns(): (() => void)[] {
    const now = () => this.connection.reconnectNow();
    const check = () => this.connection.state === 'open' && now();
    const visible = () => document.visibilityState === 'visible' && now();
    addEventListener('online', now);
    addEventListener('offline', check);
    document.addEventListener('visibilitychange', visible);
    return [
      () => removeEventListener('online', now),
      () => removeEventListener('offline', check),
      () => document.removeEventListener('visibilitychange', visible),
    ];
  }

  /** Closes the connection and stops the session; the server session is left as it is. */
  dispose(): void {
    for (const off of this.offs.splice(0)) off();
    this.cache.dispose();
    this.drafts.dispose();
    this.session.dispose();
  }
}
