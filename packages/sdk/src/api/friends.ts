import type {
  AcceptFriendRequestResult,
  BlockList,
  Friend,
  FriendList,
  FriendRequestList,
  SendFriendRequestResult,
} from '@parley/protocol';
import { type Call, seg } from './call.ts';

/** Friend requests, the friend list with remarks and presence, and blocks. */
export class FriendsApi {
  constructor(private readonly call: Call) {}

  /**
   * Asks a user to be friends. Answers `pending`, or `accepted` with the new friend when they
   * had already asked me. A request to someone who blocked me looks sent and goes nowhere.
   */
  request(userId: string, note?: string): Promise<SendFriendRequestResult> {
    return this.call('POST', '/friend-requests', { userId, ...(note !== undefined && { note }) });
  }

  /** Pending requests to me and from me; `pendingCount` is the badge. */
  requests(): Promise<FriendRequestList> {
    return this.call('GET', '/friend-requests');
  }

  accept(requestId: string): Promise<AcceptFriendRequestResult> {
    return this.call('POST', `/friend-requests/${seg(requestId)}/accept`);
  }

  decline(requestId: string): Promise<void> {
    return this.call('POST', `/friend-requests/${seg(requestId)}/decline`);
  }

  /** Withdraws a request I sent. */
  cancel(requestId: string): Promise<void> {
    return this.call('DELETE', `/friend-requests/${seg(requestId)}`);
  }

  list(): Promise<FriendList> {
    return this.call('GET', '/friends');
  }

  /** My private name for a friend (null clears it). */
  setRemark(userId: string, remark: string | null): Promise<Friend> {
    return this.call('PATCH', `/friends/${seg(userId)}`, { remark });
  }

  remove(userId: string): Promise<void> {
    return this.call('DELETE', `/friends/${seg(userId)}`);
  }

  blocks(): Promise<BlockList> {
    return this.call('GET', '/blocks');
  }

  block(userId: string): Promise<void> {
    return this.call('PUT', `/blocks/${seg(userId)}`);
  }

  unblock(userId: string): Promise<void> {
    return this.call('DELETE', `/blocks/${seg(userId)}`);
  }
}
