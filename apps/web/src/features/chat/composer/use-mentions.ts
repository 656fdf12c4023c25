import type { Member } from '@parley/protocol';
import { useEffect, useId, useState } from 'react';
import { useSession } from '../../../model/app-context.ts';
import { useSessionState } from '../../../model/use-session-state.ts';
import { matchMembers, mentionAt, type MentionQuery } from './mention.ts';

const noMembers: readonly Member[] = [];

/**
 * @mentions while writing in a group: the query at the caret, the members that match (the
 * SDK session holds the group's members once asked, and keeps them current), the active
 * suggestion, and the keys that move through and pick them.
 */
export function useMentions(conversationId: string, isGroup: boolean) {
  const { session } = useSession();
  const meId = useSessionState((s) => s.me.id);
  const members = useSessionState((s) => s.members[conversationId]) ?? noMembers;
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();
  const held = useSessionState((s) => conversationId in s.members);

  // Members are loaded on the first '@' in a group.
  useEffect(() => {
    if (mention && isGroup && !held) session.loadMembers(conversationId).catch(() => {}); // offline: asked again on the next '@'
  }, [mention, isGroup, held, session, conversationId]);

  const suggestions = mention && isGroup ? matchMembers(members, mention.query, meId) : [];
  const open = suggestions.length > 0;
  const activeIndex = Math.min(active, suggestions.length - 1);

  /** The text or the caret moved: is a mention being typed there? */
  const update = (value: string, caret: number) => {
    const found = isGroup ? mentionAt(value, caret) : null;
    setMention((prev) => (prev?.start === found?.start && prev?.query === found?.query ? prev : found));
    if (found?.query !== mention?.query) setActive(0);
  };

  /** Arrow keys move, Enter or Tab picks, Escape closes; true when the key was the list's. */
  const onKey = (e: React.KeyboardEvent, pick: (member: Member) => void): boolean => {
    if (!open) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + suggestions.length) % suggestions.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      pick(suggestions[activeIndex]!);
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      setMention(null);
    } else return false;
    e.preventDefault();
    return true;
  };

  return {
    mention,
    suggestions,
    open,
    activeIndex,
    listId,
    optionId: (index: number) => `${listId}-opt-${index}`,
    update,
    close: () => setMention(null),
    setActive,
    onKey,
  };
}
