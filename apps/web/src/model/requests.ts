import type { Conversation, FriendRequest, GroupInvitation, JoinRequest } from '@parley/protocol';
import type { Connection, HttpClient } from '@parley/sdk';
import { Observable } from './observable.ts';

export interface RequestsState {
  incoming: FriendRequest[];
  outgoing: FriendRequest[];
  invitations: GroupInvitation[];
  /** Join applications to groups where I am owner or admin. */
  joinRequests: JoinRequest[];
}

const empty: RequestsState = { incoming: [], outgoing: [], invitations: [], joinRequests: [] };

/** Everything waiting for an answer: the Requests tab and its badge. */
export class RequestsModel {
  readonly state = new Observable<RequestsState>(empty);
  private readonly offs: (() => void)[] = [];
  /** Numbers the refreshes, so that an older answer never replaces a newer one. */
  private generation = 0;
  /** The managed groups the latest refresh asked about (ids, sorted, joined). */
  private askedGroups = '';

  /**
   * `managedGroups` lists the groups whose join applications I may decide; `groupsChanged`
   * (optional) subscribes to changes of that list: the applications are loaded again when it
   * does, since at the first hello the conversation list is not loaded yet.
   */
  constructor(
    private readonly http: HttpClient,
    connection: Connection,
    private readonly managedGroups: () => Conversation[],
    groupsChanged?: (listener: () => void) => () => void,
  ) {
    const refresh = () => void this.refresh();
    const on = connection.on.bind(connection);
    this.offs.push(
      on('hello', refresh),
      on('friend.requested', refresh),
      on('friend.accepted', refresh),
      on('friend.declined', refresh),
      on('friend.cancelled', refresh),
      on('group.invited', refresh),
      on('group.invitation.answered', refresh),
      on('group.join.requested', refresh),
      on('group.join.decided', refresh),
    );
    if (groupsChanged)
      this.offs.push(
        groupsChanged(() => {
          if (groupKey(this.managedGroups()) !== this.askedGroups) void this.refresh();
        }),
      );
  }

  /** What the badge counts: requests and invitations to me, applications I may decide. */
  pendingCount(state = this.state.get()): number {
    const pending = <T extends { status: string }>(list: T[]) =>
      list.filter((r) => r.status === 'pending').length;
    return pending(state.incoming) + pending(state.invitations) + pending(state.joinRequests);
  }

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const groups = this.managedGroups();
    this.askedGroups = groupKey(groups);
    try {
      const [friends, invitations, ...joins] = await Promise.all([
        this.http.friends.requests(),
        this.http.groups.invitations(),
        ...groups.map((g) => this.http.groups.joinRequests(g.id).catch(() => ({ requests: [] }))),
      ]);
      if (generation !== this.generation) return;
      this.state.set({
        incoming: friends.incoming,
        outgoing: friends.outgoing,
        invitations: invitations.invitations,
        joinRequests: joins.flatMap((j) => j.requests),
      });
    } catch {
      // offline: keep what we have
    }
  }

  dispose(): void {
    for (const off of this.offs.splice(0)) off();
  }
}

const groupKey = (groups: Conversation[]) =>
  groups
    .map((g) => g.id)
    .sort()
    .join(',');
