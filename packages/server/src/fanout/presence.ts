/**
 * Who is online: counts each user's open, authenticated sockets. The in-memory tracker serves
 * one process; the Redis one (fanout/redis-presence.ts) counts across nodes behind the same
 * interface.
 */
export interface Presence {
  /** Records one more socket; true when this made the user go online (cluster-wide). */
  connected(userId: string): Promise<boolean>;
  /** Records one socket fewer; true when this made the user go offline (cluster-wide). */
  disconnected(userId: string): Promise<boolean>;
  /** Which of `userIds` are online now: asks about those users only, never lists everyone. */
  onlineAmong(userIds: readonly string[]): Promise<Set<string>>;
  /** How many users are online now, on any node (the admin console's counts). */
  onlineCount(): Promise<number>;
  /**
   * `handler` hears users who went offline without a socket closing here: another node died
   * and took their last sockets with it. One node only hears each such user.
   */
  onLost(handler: (userIds: string[]) => void): void;
  close(): Promise<void>;
}

export function createMemoryPresence(): Presence {
  const sockets = new Map<string, number>();
  return {
    async connected(userId) {
      const count = (sockets.get(userId) ?? 0) + 1;
      sockets.set(userId, count);
      return count === 1;
    },
    async disconnected(userId) {
      const count = (sockets.get(userId) ?? 0) - 1;
      if (count > 0) {
        sockets.set(userId, count);
        return false;
      }
      sockets.delete(userId);
      return count === 0;
    },
    async onlineAmong(userIds) {
      return new Set(userIds.filter((id) => sockets.has(id)));
    },
    async onlineCount() {
      return sockets.size;
    },
    // One process has no other node to lose.
    onLost() {},
    async close() {},
  };
}
