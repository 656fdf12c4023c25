import type { SystemNotice } from '@parley/protocol';

/** A stretch of a conversation's history, by seq, both ends included. */
export interface Stint {
  fromSeq: number;
  toSeq: number;
}

const joins = new Set<SystemNotice['type']>(['member.added', 'member.joined']);
const leaves = new Set<SystemNotice['type']>(['member.left', 'member.removed']);

/**
 * The stretches of a group's (or the lobby's) history `userId` was a member for, from the
 * notices that name them (oldest first): from the notice of their arrival (a join, an
 * addition, or creating the group) to the notice of their leaving or removal, which they
 * were shown. `currentFrom` is the first seq of the current stint when they are a member now
 * (the first message since members.joined_at); a stint still open in the notices runs on to
 * the end (a group that was dissolved with them in it).
 */
export function stintsOf(
  userId: string,
  notices: readonly { seq: number; notice: SystemNotice }[],
  current: { fromSeq: number | undefined } | null,
): Stint[] {
  const stints: Stint[] = [];
  let openFrom: number | null = null;
  for (const { seq, notice } of notices) {
    const named = notice.userIds.includes(userId);
    const arrived =
      (joins.has(notice.type) && named) || (notice.type === 'group.created' && notice.actorId === userId);
    if (arrived) openFrom ??= seq;
    else if (leaves.has(notice.type) && named && openFrom !== null) {
      stints.push({ fromSeq: openFrom, toSeq: seq });
      openFrom = null;
    }
  }
  if (current) {
    // The current stint began at joined_at; an open notice stint is the same one seen earlier.
    const from = Math.min(openFrom ?? Infinity, current.fromSeq ?? Infinity);
    if (from !== Infinity) stints.push({ fromSeq: from, toSeq: Infinity });
  } else if (openFrom !== null) {
    stints.push({ fromSeq: openFrom, toSeq: Infinity });
  }
  return stints;
}

export const within = (stints: readonly Stint[], seq: number) =>
  stints.some((s) => seq >= s.fromSeq && seq <= s.toSeq);
