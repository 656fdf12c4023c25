import type { Message } from '@parley/protocol';
import type { Connection } from '../connection.ts';
import type { HttpClient } from '../http.ts';
import type { OutboxItem } from './outbox-item.ts';

export interface ConversationStoreOptions {
  http: HttpClient;
  connection: Connection;
  /** A conversation met for the first time: its whole history ('all', the default) or its newest N messages. */
  initialHistory?: 'all' | number;
  /** Messages per history page while filling; default limits.historyPageMax. */
  pageSize?: number;
  /** How long a send waits for its ack before it goes again with the same clientMsgId; default 10 s. */
  ackTimeoutMs?: number;
  /** Pause before a failed fill tries again; default 1 s. */
  retryMs?: number;
  /**
   * After a (re)connect, the history of each conversation held by nothing yet and not asked
   * for (track) starts loading once this resolves; default at once. A client whose first
   * screen needs none of them (the chat list) lets it draw first: on a phone's link those
   * pages would otherwise compete with the list for the connection.
   */
  backgroundFillsAfter?: () => Promise<void>;
}

/** What a UI shows for one conversation: the stored messages in seq order, then the user's unsent ones. */
export interface ConversationView {
  conversationId: string;
  /** Seq before the first message held: 0 when the whole history is held (see loadOlder). */
  start: number;
  /** Highest seq held with no gap: what `sync` reports. */
  cursor: number;
  /** Rev up to which every edit, recall and reaction to those messages is applied: also sent on `sync`. */
  rev: number;
  messages: readonly Message[];
  /** Sent by this client and not yet in `messages`: queued, sending, acked (seq known) or failed. */
  pending: readonly OutboxItem[];
}

export type StoreListener = (conversationId: string) => void;
