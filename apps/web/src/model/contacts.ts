import type { Friend } from '@parley/protocol';
import type { Connection, HttpClient } from '@parley/sdk';
import { Observable } from './observable.ts';

/** My friends (with remarks) and who of the people I may see is online now. */
export class ContactsModel {
  readonly friends = new Observable<Friend[]>([]);
  readonly online = new Observable<ReadonlySet<string>>(new Set());
  private readonly offs: (() => void)[] = [];
  /** Set once the server's list is here: a cached one must not replace it then. */
  private loaded = false;

  constructor(
    private readonly http: HttpClient,
    connection: Connection,
  ) {
    const on = connection.on.bind(connection);
    this.offs.push(
      on('hello', (hello) => {
        this.online.set(new Set(hello.online));
        void this.refresh();
      }),
      on('presence.changed', ({ userId, online }) => {
        const next = new Set(this.online.get());
        if (online) next.add(userId);
        else next.delete(userId);
        this.online.set(next);
      }),
      on('friend.accepted', ({ friend }) => {
        this.put(friend);
        void this.refreshPresence();
      }),
      on('friend.updated', (friend) => this.put(friend)),
      on('friend.removed', ({ userId }) => {
        this.friends.set(this.friends.get().filter((f) => f.user.id !== userId));
        void this.refreshPresence();
      }),
      on('user.updated', (user) =>
        this.friends.set(this.friends.get().map((f) => (f.user.id === user.id ? { ...f, user } : f))),
      ),
      // A block hides presence both ways and no presence event says so: ask again.
      on('user.blocked', () => void this.refresh().then(() => this.refreshPresence())),
      on('user.unblocked', () => void this.refresh().then(() => this.refreshPresence())),
    );
  }

  async refresh(): Promise<void> {
    try {
      const { friends } = await this.http.friends.list();
      this.loaded = true;
      this.friends.set(friends);
    } catch {
      // offline: keep what we have
    }
  }

  /** The people I may see changed: ask who of them is online (presence events report only changes). */
  async refreshPresence(): Promise<void> {
    try {
      this.online.set(new Set((await this.http.presence()).online));
    } catch {
      // offline
    }
  }

  /** Shows the cached friends before the server answers (offline start). */
  seed(friends: Friend[]): void {
    if (!this.loaded && this.friends.get().length === 0) this.friends.set(friends);
  }

  friend(userId: string): Friend | undefined {
    return this.friends.get().find((f) => f.user.id === userId);
  }

  put(friend: Friend): void {
    const rest = this.friends.get().filter((f) => f.user.id !== friend.user.id);
    this.friends.set([...rest, friend].sort((a, b) => nameOf(a).localeCompare(nameOf(b))));
  }

  dispose(): void {
    for (const off of this.offs.splice(0)) off();
  }
}

/** How a friend is called in my lists: my remark, else their display name. */
export function nameOf(friend: Friend): string {
  return friend.remark || friend.user.displayName;
}
