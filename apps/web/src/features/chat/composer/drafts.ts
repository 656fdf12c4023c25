/**
 * What the user was writing in each conversation, kept when they switch chats (in memory) and
 * across reloads (localStorage, per signed-in user), so nothing typed is lost.
 */
const memory = new Map<string, string>();
const timers = new Map<string, ReturnType<typeof setTimeout>>();

const keyOf = (userId: string, conversationId: string) => `parley.draft.${userId}.${conversationId}`;

export function loadDraft(userId: string, conversationId: string): string {
  const key = keyOf(userId, conversationId);
  const held = memory.get(key);
  if (held !== undefined) return held;
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

/** Keeps the draft at once in memory and, shortly after typing pauses, in localStorage. */
export function saveDraft(userId: string, conversationId: string, text: string): void {
  const key = keyOf(userId, conversationId);
  memory.set(key, text);
  clearTimeout(timers.get(key));
  timers.set(
    key,
    setTimeout(() => {
      timers.delete(key);
      try {
        if (text) localStorage.setItem(key, text);
        else localStorage.removeItem(key);
      } catch {
        // storage full or blocked: the in-memory draft still survives switching chats
      }
    }, 400),
  );
}
