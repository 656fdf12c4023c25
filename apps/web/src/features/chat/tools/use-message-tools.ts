import type { Message } from '@parley/protocol';
import { useMemo, useState } from 'react';

/**
 * What the open chat does with messages beyond writing: pick several (selection mode), forward
 * them, delete them for me, look at pictures full screen, report one to the admins. The state lives with the chat (not a
 * row: rows come and go as the list scrolls); every function is stable, so the rows, which get
 * them through ChatActions, do not render again when it changes.
 */
export interface MessageTools {
  /** The ids picked in selection mode; null when not selecting. */
  selection: ReadonlySet<string> | null;
  /** Messages the forward dialog is open for, oldest first. */
  forwarding: readonly Message[] | null;
  /** Messages the "delete for me" question is open for. */
  hiding: readonly Message[] | null;
  /** The picture message shown full screen. */
  viewing: string | null;
  /** The message the report form is open for. */
  reporting: Message | null;
  actions: MessageToolActions;
}

export interface MessageToolActions {
  /** Enters selection mode with this message picked, or (selecting) picks or unpicks it. */
  toggleSelected(message: Message): void;
  endSelection(): void;
  forward(messages: readonly Message[]): void;
  /** The forward dialog closed; `sent` ends selection mode (its job is done). */
  forwardClosed(sent: boolean): void;
  hide(messages: readonly Message[]): void;
  hideClosed(done: boolean): void;
  view(messageId: string | null): void;
  report(message: Message | null): void;
}

export function useMessageTools(): MessageTools {
  const [selection, setSelection] = useState<ReadonlySet<string> | null>(null);
  const [forwarding, setForwarding] = useState<readonly Message[] | null>(null);
  const [hiding, setHiding] = useState<readonly Message[] | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [reporting, setReporting] = useState<Message | null>(null);
  const actions = useMemo<MessageToolActions>(
    () => ({
      toggleSelected: (message) =>
        setSelection((now) => {
          const next = new Set(now ?? []);
          if (next.has(message.id)) next.delete(message.id);
          else next.add(message.id);
          return next;
        }),
      endSelection: () => setSelection(null),
      forward: (messages) => setForwarding(messages),
      forwardClosed: (sent) => {
        setForwarding(null);
        if (sent) setSelection(null);
      },
      hide: (messages) => setHiding(messages),
      hideClosed: (done) => {
        setHiding(null);
        if (done) setSelection(null);
      },
      view: (messageId) => setViewing(messageId),
      report: (message) => setReporting(message),
    }),
    [],
  );
  return { selection, forwarding, hiding, viewing, reporting, actions };
}
