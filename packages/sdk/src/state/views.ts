import type { OutboxItem } from './outbox-item.ts';
import type { ConversationView } from './store-types.ts';
import type { Timeline } from './timeline.ts';

/**
 * The ConversationView of each conversation, kept until its timeline or the outbox changes:
 * the same object while nothing changed, so a UI can compare views by identity.
 */
export class Views {
  private readonly cache = new Map<string, { key: string; view: ConversationView }>();
  private outboxVersion = 0;

  /** Something in the outbox changed: every view shows it anew. */
  outboxChanged(): void {
    this.outboxVersion += 1;
  }

  of(conversationId: string, timeline: Timeline | undefined, pending: () => OutboxItem[]): ConversationView {
    const key = `${timeline?.version ?? -1}/${this.outboxVersion}`;
    const cached = this.cache.get(conversationId);
    if (cached?.key === key) return cached.view;
    const view: ConversationView = {
      conversationId,
      start: timeline?.start ?? 0,
      cursor: timeline?.cursor ?? 0,
      rev: timeline?.rev ?? 0,
      messages: [...(timeline?.messages ?? [])],
      pending: pending().map((item) => ({ ...item })),
    };
    this.cache.set(conversationId, { key, view });
    return view;
  }

  forget(conversationId: string): void {
    this.cache.delete(conversationId);
  }
}
