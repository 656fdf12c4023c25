import {
  type Conversation,
  type Me,
  type Message,
  type ServerEvent,
  limits,
  serverEventNames,
} from '@parley/protocol';
import type { ConnectOptions, ParleyClient } from '../client.ts';
import type { UploadsApi } from '../api/uploads.ts';
import type { Connection } from '../connection.ts';
import { ConversationStore } from '../state/store.ts';
import type { ConversationStoreOptions } from '../state/store-types.ts';
import { AccountActions } from './actions/account.ts';
import { Attachments } from './attachments.ts';
import { ChatActions } from './actions/chats.ts';
import { GroupActions } from './actions/groups.ts';
import { PeopleActions } from './actions/people.ts';
import { Loads } from './loads.ts';
import { conversationOf } from './selectors.ts';
import { managedGroups, membersPart, onlinePart, partsOf } from './parts.ts';
import { type Effects, reduceEvent } from './reduce/index.ts';
import { initialState } from './initial-state.ts';
import type { LoadedPart, SessionState } from './session-state.ts';
import type { SessionCore } from './session-core.ts';

export interface ParleySessionOptions {
  /** Signed in (it has a token). */
  client: ParleyClient;
  /** Who signed in: from the sign-in answer, or saved with the token. */
  me: Me;
  /** Tuning for the live connection (heartbeat, backoff). */
  connect?: ConnectOptions;
  /** Tuning for the message store (how much history a conversation met first loads). */
  messages?: Omit<ConversationStoreOptions, 'http' | 'connection'>;
  /**
   * The applications to the groups I manage (a badge, not a first screen) are first asked for
   * once this resolves; default at once. A client lets its first screen's loads go first: on
   * a phone's link, one round of requests fewer before the chat list shows.
   */
  backgroundLoadsAfter?: () => Promise<void>;
}

/**
 * Everything a signed-in client knows and does, in one place (DESIGN.md: the SDK owns client
 * state). It opens the connection, keeps `SessionState` current from every server push (the
 * typed reducer in reduce/), loads each part again after every hello with events arriving
 * meanwhile replayed (loads.ts), and holds the messages in a ConversationStore. Read
 * `getSnapshot()` and `subscribe()` (React: useSyncExternalStore), act through `chats`,
 * `people`, `groups` and `account`: each action answers with the server's result and has
 * already put it into the state.
 */
export class ParleySession {
  readonly client: ParleyClient;
  readonly connection: Connection;
  readonly messages: ConversationStore;
  readonly chats: ChatActions;
  readonly people: PeopleActions;
  readonly groups: GroupActions;
  readonly account: AccountActions;
  /** Files being uploaded into conversations (a composer's tray). */
  readonly attachments: Attachments;
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private readonly arrivals = new Set<(message: Message, conversation: Conversation | undefined) => void>();
  private readonly loads: Loads;
  private readonly parts: Record<LoadedPart, ReturnType<typeof partsOf>[LoadedPart]>;
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly offs: (() => void)[] = [];
  private askedGroups = '';
  /** The last load of applications that a change of the groups I manage asked for. */
  private joinRequestsAsked: Promise<void> | null = null;
  /** backgroundLoadsAfter, asked once: resolved, it lets every later load go at once. */
  private backgroundReady: Promise<void> | null = null;
  private readonly backgroundLoadsAfter: (() => Promise<void>) | undefined;
  private stickersWanted = false;
  private disposed = false;

  constructor(options: ParleySessionOptions) {
    this.client = options.client;
    this.backgroundLoadsAfter = options.backgroundLoadsAfter;
    this.state = initialState(options.me);
    this.connection = this.client.connect(options.connect);
    this.messages = new ConversationStore({
      ...options.messages,
      http: this.client.http,
      connection: this.connection,
    });
    this.loads = new Loads({ get: () => this.state, set: (s) => this.set(s) });
    this.parts = partsOf(this.client.http, () => this.state);
    const core: SessionCore = {
      http: this.client.http,
      connection: this.connection,
      messages: this.messages,
      get: () => this.state,
      update: (change) => this.set(change(this.state)),
      apply: (event) => this.apply(event),
      load: (part) => this.load(part),
      loadMembers: (id) => this.loadMembers(id),
    };
    this.chats = new ChatActions(core);
    this.people = new PeopleActions(core);
    this.groups = new GroupActions(core);
    this.account = new AccountActions(core);
    this.attachments = new Attachments(this.client.http.uploads, this.messages);
    this.listen();
  }

  /** Uploads (with progress and resume) and the addresses of media: the SDK's tus client. */
  get media(): UploadsApi {
    return this.client.http.uploads;
  }

  readonly getSnapshot = (): SessionState => this.state;

  /** Calls `listener` after every change of the snapshot; returns the function that unsubscribes. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Calls `listener` for every new message from someone else, once applied to the state (so
   * `conversation` already counts it): what a client alerts with (a chime, a notification).
   */
  onMessage(listener: (message: Message, conversation: Conversation | undefined) => void): () => void {
    this.arrivals.add(listener);
    return () => this.arrivals.delete(listener);
  }

  /** Applies one server push (or an action's answer shaped like one) to the state. */
  apply(event: ServerEvent): void {
    const wanted = new Set<LoadedPart>();
    const lists = new Set<string>();
    const fx: Effects = {
      reload: (part) => wanted.add(part),
      uncertain: (part) => this.loads.uncertain(part),
      reloadOnline: (id) => lists.add(id),
    };
    const next = reduceEvent(this.state, event, fx);
    this.loads.record(event);
    this.set(next);
    if (event.event === 'typing') this.expireTyping(event.data.conversationId, event.data.userId);
    if (event.event === 'message.created' && event.data.senderId !== next.me.id) {
      const conversation = conversationOf(this.state, event.data.conversationId);
      for (const listener of [...this.arrivals]) listener(event.data, conversation);
    }
    // A load that fails keeps what is held; the next hello loads again.
    for (const part of wanted) this.load(part).catch(() => {});
    // Whom I may see changed (the 'online' part asked again): so may every online list.
    if (wanted.has('online')) for (const id of Object.keys(next.onlineIn)) lists.add(id);
    for (const id of lists) if (id in this.state.onlineIn) this.loadOnline(id).catch(() => {});
  }

  /** Loads every part again (after a hello this happens by itself); resolves when all answered or failed. */
  async refresh(): Promise<void> {
    const rest: LoadedPart[] = ['friends', 'online', 'blocks', 'requests', 'invitations', 'settings'];
    const quiet = (load: Promise<void>) => load.catch(() => {});
    await Promise.all([
      quiet(this.loadConversationsThenJoinRequests()),
      ...rest.map((p) => quiet(this.load(p))),
      ...Object.keys(this.state.members).map((id) => quiet(this.loadMembers(id))),
      ...Object.keys(this.state.onlineIn).map((id) => quiet(this.loadOnline(id))),
      this.stickersWanted && quiet(this.loadStickers()),
    ]);
  }

  /**
   * The applications to my groups depend on which groups I manage, so they are asked for once
   * the list is in — unless the new list changed those groups, which asked already (set).
   */
  private async loadConversationsThenJoinRequests(): Promise<void> {
    const asked = this.joinRequestsAsked;
    await this.load('conversations');
    await (this.joinRequestsAsked !== asked ? this.joinRequestsAsked : this.loadJoinRequests());
  }

  private loadJoinRequests(): Promise<void> {
    this.backgroundReady ??= this.backgroundLoadsAfter?.() ?? Promise.resolve();
    return this.backgroundReady.then(() => this.load('joinRequests'));
  }

  /** Loads one part again; rejects when the server could not be asked (what is held stays). */
  load(part: LoadedPart): Promise<void> {
    return this.loads.load(this.parts[part]);
  }

  /**
   * Holds the members of a conversation from now on (kept current by events, loaded again after
   * each hello); rejects with the server's refusal when they cannot be loaded.
   */
  loadMembers(conversationId: string): Promise<void> {
    return this.loads.load(membersPart(this.client.http, conversationId));
  }

  /**
   * Holds a conversation's online list from now on (`state.onlineIn[conversationId]`: its
   * members online now whom I may see — the lobby's or a group's online list — with their
   * profiles in `users`), kept current by events and loaded again after each hello. Holding
   * the members too (`loadMembers`) lets someone coming online join the list without asking
   * the server again. Rejects with the server's refusal (`not_found` outside it).
   */
  loadOnline(conversationId: string): Promise<void> {
    return this.loads.load(onlinePart(this.client.http, conversationId));
  }

  /** Stops holding a conversation's online list (a panel that showed it closed). */
  releaseOnline(conversationId: string): void {
    if (!(conversationId in this.state.onlineIn)) return;
    const { [conversationId]: _, ...onlineIn } = this.state.onlineIn;
    this.set({ ...this.state, onlineIn });
  }

  /**
   * Loads my sticker packs and collection and the server's custom emoji (and again after each
   * hello). Rejects when the server cannot be asked; what is held stays.
   */
  async loadStickers(): Promise<void> {
    this.stickersWanted = true;
    const { stickers: api } = this.client.http;
    const [stickers, customEmoji] = await Promise.all([api.list(), api.customEmoji()]);
    this.set({ ...this.state, stickers, customEmoji });
  }

  /**
   * Shows what an app saved (conversations, friends…) before the server answers: each part
   * given that has not been loaded yet. Call it right after making the session.
   */
  seed(saved: Partial<Pick<SessionState, 'conversations' | 'friends' | 'settings' | 'users'>>): void {
    let next = this.state;
    if (saved.conversations && !next.loaded.conversations)
      next = { ...next, conversations: saved.conversations };
    if (saved.friends && !next.loaded.friends) next = { ...next, friends: saved.friends };
    if (saved.settings && !next.loaded.settings) next = { ...next, settings: saved.settings };
    if (saved.users) next = { ...next, users: { ...saved.users, ...next.users } };
    this.set(next);
  }

  /** Resolves once every load, fill and catch-up running now has finished. */
  async idle(): Promise<void> {
    await Promise.all([this.loads.idle(), this.messages.idle()]);
    if (this.loads.busy) await this.idle();
  }

  /** Signs out on the server (best effort) and stops. */
  async signOut(): Promise<void> {
    await this.client.http.logout().catch(() => {});
    this.dispose();
  }

  /** Stops: closes the connection, cancels loads and timers. The server session is left as it is. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const off of this.offs.splice(0)) off();
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    this.typingTimers.clear();
    this.loads.dispose();
    this.attachments.dispose();
    this.messages.dispose();
    this.connection.close();
    this.listeners.clear();
    this.arrivals.clear();
  }

  private listen(): void {
    const connection = this.connection;
    // By name, so that an event this SDK's protocol version lacks is simply never heard.
    const on = connection.on.bind(connection) as (name: string, l: (data: unknown) => void) => () => void;
    for (const name of serverEventNames)
      this.offs.push(on(name, (data) => this.apply({ event: name, data } as ServerEvent)));
    this.offs.push(
      connection.on('state', (state) => this.set({ ...this.state, connection: state })),
      connection.on('hello', (hello) => {
        this.set({ ...this.state, me: hello.user, online: new Set(hello.online) });
        void this.refresh();
      }),
      connection.on('closed', ({ code }) => {
        // 4002: the token is no longer a session (signed out elsewhere, expired).
        if (code === 4002 && !this.state.ended) this.set({ ...this.state, ended: 'expired' });
      }),
    );
  }

  private set(next: SessionState): void {
    if (next === this.state || this.disposed) return;
    const listChanged = next.conversations !== this.state.conversations || !this.state.loaded.conversations;
    this.state = next;
    // Promoted or demoted, or a group made or left: whose applications I see changed. Looked
    // at only when the list changed (most events change something else).
    const groups = listChanged ? managedGroups(next).join(',') : this.askedGroups;
    if (groups !== this.askedGroups && next.loaded.conversations) {
      this.askedGroups = groups;
      this.joinRequestsAsked = this.loadJoinRequests();
      this.joinRequestsAsked.catch(() => {});
    }
    for (const listener of [...this.listeners]) listener();
  }

  /** A typing notice lasts one and a half intervals unless renewed (or the message arrives). */
  private expireTyping(conversationId: string, userId: string): void {
    const key = `${conversationId} ${userId}`;
    clearTimeout(this.typingTimers.get(key));
    this.typingTimers.set(
      key,
      setTimeout(() => {
        this.typingTimers.delete(key);
        const now = this.state.typing[conversationId];
        if (!now?.includes(userId)) return;
        const rest = now.filter((id) => id !== userId);
        const { [conversationId]: _, ...others } = this.state.typing;
        this.set({ ...this.state, typing: rest.length > 0 ? { ...others, [conversationId]: rest } : others });
      }, limits.typingIntervalMs * 1.5),
    );
  }
}
