import type { ReactionChanged } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { type Services, transact } from '../../services.ts';
import { deleteReaction } from '../../store/reactions.ts';
import { canonicalEmoji } from './emoji.ts';
import { accessMessage, requireLiveText } from './message-access.ts';
import { presentReactions } from './reactable.ts';

/**
 * Takes the caller's emoji off a message (idempotent: not there is fine). Allowed while muted:
 * taking a reaction back says nothing new. A recalled message has no reactions left to take.
 */
export async function removeReaction(
  services: Services,
  actor: Actor,
  messageId: string,
  emoji: string,
): Promise<ReactionChanged> {
  const me = actor.user.id;
  return transact(services, async (tx, emit) => {
    const { message } = await accessMessage(tx, me, messageId, { lock: true });
    requireLiveText(message, 'reacted to');
    const removed = await deleteReaction(tx, messageId, me, canonicalEmoji(emoji));
    return presentReactions(tx, emit, message, removed);
  });
}
