import { type ReactionChanged, limits } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { distinctEmoji, insertReaction } from '../../store/reactions.ts';
import { checkCanSend } from './check-can-send.ts';
import { canonicalEmoji } from './emoji.ts';
import { accessMessage, requireLiveText } from './message-access.ts';
import { presentReactions } from './reactable.ts';

/**
 * Puts the caller's emoji on a message (idempotent: already there is fine). A reaction is a
 * small way of speaking, so the sending rules apply (muted, blocked). At most
 * limits.reactionsPerMessageMax distinct emoji per message: a new one past that is
 * `limit_reached`, while joining an emoji already there always works. The count and the
 * insert happen under the message's lock, so two new emoji racing cannot both slip past it.
 */
export async function reactToMessage(
  services: Services,
  actor: Actor,
  messageId: string,
  emoji: string,
): Promise<ReactionChanged> {
  const me = actor.user.id;
  const reaction = canonicalEmoji(emoji);
  return transact(services, async (tx, emit) => {
    const access = await accessMessage(tx, me, messageId, { lock: true });
    requireLiveText(access.message, 'reacted to');
    await checkCanSend(services, tx, me, access);
    const present = await distinctEmoji(tx, messageId);
    if (!present.includes(reaction) && present.length >= limits.reactionsPerMessageMax) {
      throw new AppError(
        'limit_reached',
        `a message takes at most ${limits.reactionsPerMessageMax} different emoji`,
        { field: 'emoji' },
      );
    }
    const added = await insertReaction(tx, messageId, me, reaction, now());
    return presentReactions(tx, emit, access.message, added);
  });
}
