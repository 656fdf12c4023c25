import type { Message, PublicUser } from '@parley/protocol';

/** Most users kept: enough for the names in every cached conversation. */
const maxUsers = 2000;

/**
 * The people named in cached messages (senders, notices, mentions, replies), kept with the
 * cache so that offline a group's messages still say who wrote them: the PeopleModel only
 * learns names from the server.
 */
export class CachedUsers {
  private readonly users = new Map<string, PublicUser>();

  constructor(saved: readonly PublicUser[] = []) {
    for (const user of saved) if (typeof user?.id === 'string') this.users.set(user.id, user);
  }

  list(): PublicUser[] {
    return [...this.users.values()].slice(-maxUsers);
  }

  /** Adds whom `messages` name, as `known` knows them; true when one was added or changed. */
  add(messages: Iterable<Message>, known: (userId: string) => PublicUser | undefined): boolean {
    let changed = false;
    for (const id of userIdsIn(messages)) {
      const user = known(id);
      if (!user || this.users.get(id) === user) continue;
      this.users.delete(id);
      this.users.set(id, user);
      changed = true;
    }
    return changed;
  }
}

function userIdsIn(messages: Iterable<Message>): Set<string> {
  const ids = new Set<string>();
  const add = (id: string | null | undefined) => id && ids.add(id);
  for (const m of messages) {
    add(m.senderId);
    add(m.notice?.actorId);
    for (const id of m.notice?.userIds ?? []) add(id);
    for (const id of m.mentions) add(id);
    add(m.replyTo?.senderId);
  }
  return ids;
}
