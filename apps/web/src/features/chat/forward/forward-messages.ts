import type { Message } from '@parley/protocol';
import { type ParleySession, ParleyError } from '@parley/sdk';

/** How a forward went: which chats refused (and why), which messages could not go at all. */
export interface ForwardReport {
  /** Chats that refused; nothing after the refusal was sent to them. */
  refused: Map<string, unknown>;
  /** Messages that went nowhere because of themselves (recalled meanwhile, no longer visible). */
  skipped: { message: Message; error: unknown }[];
}

/** A refusal that names one of the chats (muted there, blocked, no longer in it), not the message. */
function aboutOneChat(err: unknown): boolean {
  if (!(err instanceof ParleyError)) return false;
  if (err.code === 'not_found') return err.field === 'conversationIds';
  return err.code === 'muted' || err.code === 'cannot_message' || err.code === 'not_a_member';
}

/** A refusal that is the message's own: it goes nowhere, the next one may. */
function aboutTheMessage(err: unknown): boolean {
  return (
    err instanceof ParleyError &&
    (err.code === 'recalled' || err.code === 'forbidden' || err.code === 'not_found')
  );
}

/**
 * Forwards messages, oldest first, to chats: one request per message for all the chats (the
 * server's forward), so each chat receives them in order. The server checks every chat before
 * sending a copy and refuses the whole forward for one bad chat without saying which; then the
 * message goes to each chat alone, which finds the one that refuses and reaches the others.
 * `clientMsgIdOf` gives each message's forward id: the same ids again (Try again) store
 * nothing twice — the server answers copies already made and sends only the missing ones.
 */
export async function forwardMessages(
  session: ParleySession,
  messages: readonly Message[],
  chats: readonly string[],
  clientMsgIdOf: (messageId: string) => string,
): Promise<ForwardReport> {
  const report: ForwardReport = { refused: new Map(), skipped: [] };
  for (const message of messages) {
    const live = chats.filter((id) => !report.refused.has(id));
    if (live.length === 0) break;
    const id = clientMsgIdOf(message.id);
    try {
      await session.chats.forward(message.id, live, id);
      continue;
    } catch (err) {
      if (aboutTheMessage(err) && !aboutOneChat(err)) {
        report.skipped.push({ message, error: err });
        continue;
      }
      if (!aboutOneChat(err)) {
        // Offline or the server failed: nothing more goes anywhere; Try again sends the rest.
        for (const chat of live) report.refused.set(chat, err);
        break;
      }
    }
    for (const chat of live) {
      try {
        await session.chats.forward(message.id, [chat], id);
      } catch (err) {
        report.refused.set(chat, err);
      }
    }
  }
  return report;
}
