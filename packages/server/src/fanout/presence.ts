/**
 * Who is online: counts each user's open, authenticated sockets. The in-memory tracker serves
 * one process; a Redis one (cluster step) counts across nodes behind the same interface.
 */
export interface Presence {
  /** Records one more socket; true when this made the user go online. */
  connected(userId: string): Promise<boolean>;
  /** Records one socket fewer; true when this made the user go offline. */
  disconnected(userId: string): Promise<boolean>;
  online(): Promise<string[]>;
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
    async online() {
      return [...sockets.keys()];
    },
  };
}
