import type { ServerEvent } from '@parley/protocol';
import type { Connection } from '../connection.ts';
import type { HttpClient } from '../http.ts';
import type { ConversationStore } from '../state/store.ts';
import type { LoadedPart, SessionState } from './session-state.ts';

/** What the action groups (actions/) may use of their session. */
export interface SessionCore {
  http: HttpClient;
  connection: Connection;
  messages: ConversationStore;
  get(): SessionState;
  update(change: (state: SessionState) => SessionState): void;
  /** Applies an answer shaped like the event the server also sends (idempotent, so both may arrive). */
  apply(event: ServerEvent): void;
  load(part: LoadedPart): Promise<void>;
  loadMembers(conversationId: string): Promise<void>;
}
