import type { Me, Settings } from '@parley/protocol';
import { type Connection, type ConnectionState, ConversationStore, ParleyClient } from '@parley/sdk';
import { OfflineCache } from '../cache/offline-cache.ts';
import { ContactsModel } from './contacts.ts';
import { ConversationsModel } from './conversations.ts';
import { Observable } from './observable.ts';
import { PeopleModel } from './people.ts';
import { RequestsModel } from './requests.ts';
import { saveSession } from './saved-session.ts';

/** Why a session ended without the user signing out here. */
export type EndReason = 'logged_in_elsewhere' | 'revoked' | 'password_changed' | 'expired';

/** How many of a conversation's newest messages are loaded when it is first opened. */
export const initialHistory = 40;

/**
 * Everything that exists while a user is signed in: the SDK client, one live connection, the
 * message store, and the models the screens read. Built from a saved token without waiting for
 * the server, so cached data shows at once even offline; the connection catches up when it can.
 */
export class SignedIn {
  readonly client: ParleyClient;
  readonly connection: Connection;
  readonly store: ConversationStore;
  readonly me: Observable<Me>;
  readonly connectionState: Observable<ConnectionState>;
  readonly settings = new Observable<Settings | null>(null);
  readonly conversations: ConversationsModel;
  readonly contacts: ContactsModel;
  readonly requests: RequestsModel;
  readonly people: PeopleModel;
  /** Set when the server ended this session; the app then returns to sign-in with a notice. */
  readonly ended = new Observable<EndReason | null>(null);
  /** This user's conversations, recent history and unsent messages, kept across reloads. */
  readonly cache: OfflineCache;
  private readonly offs: (() => void)[] = [];

  constructor(token: string, me: Me) {
    this.client = new ParleyClient({ baseUrl: location.origin, token });
    this.me = new Observable(me);
    this.connection = this.client.connect();
    this.connectionState = new Observable<ConnectionState>(this.connection.state);
    this.store = new ConversationStore({
      http: this.client.http,
      connection: this.connection,
      initialHistory,
    });
    this.conversations = new ConversationsModel(this.client.http, this.connection, () => this.me.get().id);
    this.contacts = new ContactsModel(this.client.http, this.connection);
    this.people = new PeopleModel(this.client.http, this.connection);
    this.people.put([me]);
    this.requests = new RequestsModel(
      this.client.http,
      this.connection,
      () => this.conversations.list.get().filter((c) => c.kind === 'group' && c.myRole !== 'member'),
      this.conversations.list.subscribe,
    );
    this.cache = new OfflineCache({
      userId: me.id,
      conversations: this.conversations,
      contacts: this.contacts,
      people: this.people,
      store: this.store,
      settings: this.settings,
    });
    const on = this.connection.on.bind(this.connection);
    this.offs.push(
      on('state', (state) => this.connectionState.set(state)),
      on('hello', (hello) => {
        this.setMe(hello.user);
        void this.client.http.uploads.enableMediaCookie().catch(() => {});
        void this.loadSettings();
      }),
      on('user.updated', (user) => {
        if (user.id === this.me.get().id) this.setMe({ ...this.me.get(), ...user });
      }),
      on('settings.updated', (settings) => this.settings.set(settings)),
      on('session.revoked', ({ reason }) => {
        if (reason !== 'logged_out') this.ended.set(reason);
      }),
      on('closed', ({ code }) => {
        // 4002: the token is no longer a session (signed out elsewhere, expired).
        if (code === 4002 && !this.ended.get()) this.ended.set('expired');
      }),
      ...this.reconnectWhenTheNetworkReturns(),
    );
  }

  get http() {
    return this.client.http;
  }

  setMe(me: Me): void {
    this.me.set(me);
    saveSession({ token: this.client.token!, user: me });
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

  private async loadSettings(): Promise<void> {
    try {
      this.settings.set(await this.http.settings());
    } catch {
      // offline
    }
  }

  /** Closes the connection and stops every model; the server session is left as it is. */
  dispose(): void {
    for (const off of this.offs.splice(0)) off();
    this.cache.dispose();
    this.store.dispose();
    this.conversations.dispose();
    this.contacts.dispose();
    this.requests.dispose();
    this.people.dispose();
    this.connection.close();
  }
}
