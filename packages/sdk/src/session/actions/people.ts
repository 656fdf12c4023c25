import type { Friend, PublicUser, SendFriendRequestResult, UserPage } from '@parley/protocol';
import type { SearchUsersParams } from '../../http.ts';
import { friendRemoved, friendRequested, friendUpdated, requestClosed } from '../reduce/people.ts';
import { meet } from '../reduce/users.ts';
import type { SessionCore } from '../session-core.ts';
import { noEffects } from '../reduce/effects.ts';

/** Finding people, friend requests, friends and blocks. */
export class PeopleActions {
  /** Ids asked for and not answered yet (or refused in the last half minute). */
  private readonly asked = new Set<string>();

  constructor(private readonly core: SessionCore) {}

  /**
   * Makes sure these people are in `users` (a sender or a member named in a notice the client
   * has not met): the unknown ones are asked for, each once, in the background. A refusal
   * (offline) is asked again after half a minute.
   */
  want(userIds: Iterable<string>): void {
    const users = this.core.get().users;
    for (const id of userIds) {
      if (users[id] || this.asked.has(id)) continue;
      this.asked.add(id);
      this.core.http.user(id).then(
        (user) => {
          this.asked.delete(id);
          this.core.update((s) => meet(s, [user]));
        },
        () => setTimeout(() => this.asked.delete(id), 30_000),
      );
    }
  }

  /** Someone by id: from `users` when met, else asked for (and met). */
  async user(userId: string): Promise<PublicUser> {
    const known = this.core.get().users[userId];
    if (known) return known;
    const user = await this.core.http.user(userId);
    this.core.update((s) => meet(s, [user]));
    return user;
  }

  async search(params: SearchUsersParams): Promise<UserPage> {
    const page = await this.core.http.searchUsers(params);
    this.core.update((s) => meet(s, page.users));
    return page;
  }

  /** Asks to be friends; when they had asked me first, we are friends at once. */
  async request(userId: string, note?: string): Promise<SendFriendRequestResult> {
    const result = await this.core.http.friends.request(userId, note);
    this.core.update((s) =>
      result.friend
        ? friendUpdated(requestClosed(s, result.request.id), result.friend)
        : friendRequested(s, result.request),
    );
    return result;
  }

  async accept(requestId: string): Promise<Friend> {
    const { friend } = await this.core.http.friends.accept(requestId);
    this.core.apply({ event: 'friend.accepted', data: { requestId, friend } });
    return friend;
  }

  async decline(requestId: string): Promise<void> {
    await this.core.http.friends.decline(requestId);
    this.core.update((s) => requestClosed(s, requestId));
  }

  async cancel(requestId: string): Promise<void> {
    await this.core.http.friends.cancel(requestId);
    this.core.update((s) => requestClosed(s, requestId));
  }

  async setRemark(userId: string, remark: string | null): Promise<Friend> {
    const friend = await this.core.http.friends.setRemark(userId, remark);
    this.core.update((s) => friendUpdated(s, friend));
    return friend;
  }

  async remove(userId: string): Promise<void> {
    await this.core.http.friends.remove(userId);
    this.core.update((s) => friendRemoved(s, userId, noEffects));
    this.core.load('online').catch(() => {});
  }

  async block(userId: string): Promise<void> {
    await this.core.http.friends.block(userId);
    this.core.apply({ event: 'user.blocked', data: { userId } });
  }

  async unblock(userId: string): Promise<void> {
    await this.core.http.friends.unblock(userId);
    this.core.apply({ event: 'user.unblocked', data: { userId } });
  }
}
