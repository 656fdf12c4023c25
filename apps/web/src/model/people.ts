import type { PublicUser } from '@parley/protocol';
import type { Connection, HttpClient } from '@parley/sdk';
import { Observable } from './observable.ts';

/**
 * Every user the client has met (members, friends, senders), by id, so a message or notice
 * can name its sender. Unknown ids are fetched once, in the background; `version` changes
 * whenever someone is added or updated so views re-render.
 */
export class PeopleModel {
  readonly version = new Observable(0);
  private readonly users = new Map<string, PublicUser>();
  private readonly asked = new Set<string>();
  private readonly off: () => void;

  constructor(
    private readonly http: HttpClient,
    connection: Connection,
  ) {
    this.off = connection.on('user.updated', (user) => this.put([user]));
  }

  get(userId: string): PublicUser | undefined {
    const user = this.users.get(userId);
    if (!user) this.fetch(userId);
    return user;
  }

  put(users: Iterable<PublicUser>): void {
    let changed = false;
    for (const user of users) {
      this.users.set(user.id, user);
      changed = true;
    }
    if (changed) this.version.update((v) => v + 1);
  }

  private fetch(userId: string): void {
    if (this.asked.has(userId)) return;
    this.asked.add(userId);
    this.http.user(userId).then(
      (user) => this.put([user]),
      () => setTimeout(() => this.asked.delete(userId), 30_000),
    );
  }

  dispose(): void {
    this.off();
  }
}
