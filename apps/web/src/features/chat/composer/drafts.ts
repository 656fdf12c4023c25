const prefix = 'parley.draft.';

/**
 * What the user was writing in each conversation, kept when they switch chats (in memory) and
 * across reloads (localStorage), so nothing typed is lost. One per signed-in user (SignedIn
 * owns it): sign-out flushes nothing and deletes the stored drafts, like the offline cache.
 */
export class Drafts {
  private readonly memory = new Map<string, string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly userId: string) {}

  load(conversationId: string): string {
    const held = this.memory.get(conversationId);
    if (held !== undefined) return held;
    try {
      return localStorage.getItem(this.key(conversationId)) ?? '';
    } catch {
      return '';
    }
  }

  /** Keeps the draft at once in memory and, shortly after typing pauses, in localStorage. */
  save(conversationId: string, text: string): void {
    this.memory.set(conversationId, text);
    clearTimeout(this.timers.get(conversationId));
    this.timers.set(
      conversationId,
      setTimeout(() => {
        this.timers.delete(conversationId);
        try {
          if (text) localStorage.setItem(this.key(conversationId), text);
          else localStorage.removeItem(this.key(conversationId));
        } catch {
          // storage full or blocked: the in-memory draft still survives switching chats
        }
      }, 400),
    );
  }

  /** Stops the pending writes (the tab keeps what was written). */
  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Signed out: every stored draft of this user is deleted. */
  clear(): void {
    this.dispose();
    this.memory.clear();
    try {
      const mine = `${prefix}${this.userId}.`;
      for (const key of Object.keys(localStorage)) if (key.startsWith(mine)) localStorage.removeItem(key);
    } catch {
      // storage blocked: nothing was stored either
    }
  }

  private key(conversationId: string): string {
    return `${prefix}${this.userId}.${conversationId}`;
  }
}
