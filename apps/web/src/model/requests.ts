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

  constructor(
    private readonly http: HttpClient,
    connection: Connection,
    private readonly managedGroups: () => Conversation[],
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
  }

  /** What the badge counts: requests and invitations to me, applications I may decide. */
  pendingCount(state = this.state.get()): number {
    const pending = <T extends { status: string }>(list: T[]) =>
      list.filter((r) => r.status === 'pending').length;
    return pending(state.incoming) + pending(state.invitations) + pending(state.joinRequests);
  }

  async refresh(): Promise<void> {
    try {
      const groups = this.managedGroups();
      const [friends, invitations, ...joins] = await Promise.all([
        this.http.friends.requests(),
        this.http.groups.invitations(),
        ...groups.map((g) => this.http.groups.joinRequests(g.id).catch(() => ({ requests: [] }))),
      ]);
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
