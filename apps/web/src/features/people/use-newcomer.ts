import { useSessionState } from '../../model/use-session-state.ts';

/**
 * Someone with nobody to talk to yet: no friends and no chat but the lobby (every account
 * is put in it, so "no chats" never happens on a server with one). Decided only once both
 * lists have the server's answer, so a returning user never sees the welcome flash by.
 */
export function useNewcomer(): boolean {
  return useSessionState(
    (s) =>
      s.loaded.conversations &&
      s.loaded.friends &&
      s.friends.length === 0 &&
      s.conversations.every((c) => c.kind === 'lobby'),
  );
}

/** The lobby, when I am in it. */
export function useLobbyId(): string | null {
  return useSessionState((s) => s.conversations.find((c) => c.kind === 'lobby')?.id ?? null);
}
