import { useSessionState } from '../../../model/use-session-state.ts';

const nobody: readonly string[] = [];

/** Who else is typing in a conversation now, oldest first (the SDK session keeps and expires it). */
export function useTyping(conversationId: string): readonly string[] {
  return useSessionState((s) => s.typing[conversationId]) ?? nobody;
}
