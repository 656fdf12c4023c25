import type { Member } from '@parley/protocol';

/** A half-typed mention before the caret: where its '@' is and what follows it. */
export interface MentionQuery {
  start: number;
  query: string;
}

/**
 * The mention being typed at `caret`, if any. Follows the server's markdown rule: an '@' counts
 * when the character before it could not be part of an e-mail address ("x@y.com" is none,
 * "你好@bob" is one). The query may hold letters of any script, to match display names.
 */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const match = /@([\p{L}\p{N}_.-]{0,32})$/u.exec(before);
  if (!match) return null;
  const start = match.index;
  const prev = start > 0 ? before[start - 1]! : '';
  if (/[A-Za-z0-9_.+-]/.test(prev)) return null;
  return { start, query: match[1]! };
}

/** Members matching a query by username or display name, best first: prefix matches, then the rest. */
export function matchMembers(members: readonly Member[], query: string, meId: string, max = 8): Member[] {
  const q = query.toLowerCase();
  const scored: { member: Member; score: number }[] = [];
  for (const member of members) {
    if (member.user.id === meId) continue;
    const username = member.user.username.toLowerCase();
    const name = member.user.displayName.toLowerCase();
    const score =
      username.startsWith(q) || name.startsWith(q) ? 0 : username.includes(q) || name.includes(q) ? 1 : -1;
    if (score >= 0) scored.push({ member, score });
  }
  scored.sort((a, b) => a.score - b.score || a.member.user.username.localeCompare(b.member.user.username));
  return scored.slice(0, max).map((s) => s.member);
}
