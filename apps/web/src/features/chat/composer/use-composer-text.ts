import type { Message } from '@parley/protocol';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useSession } from '../../../model/app-context.ts';

/**
 * The composer's text: the conversation's draft, or while one of my messages is edited its
 * text (the draft is kept and comes back). The box grows with the text up to about eight
 * lines; a caret position asked for with `change(text, caret)` is set after the render.
 */
export function useComposerText(conversationId: string, editing: Message | null, grownFor: unknown) {
  const { drafts } = useSession();
  const [text, setText] = useState(() => drafts.load(conversationId));
  const box = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const editingId = editing?.id ?? null;
  const [shownEdit, setShownEdit] = useState<string | null>(null);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    // Empty: one line, as the style sheet draws it. Measuring would make the browser lay out
    // the whole page in the middle of drawing a chat that has just opened.
    if (text === '') {
      el.style.height = '';
      return;
    }
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 8 * 21 + 18)}px`;
  }, [text, grownFor]);

  useLayoutEffect(() => {
    if (caret === null) return;
    box.current?.setSelectionRange(caret, caret);
    setCaret(null);
  }, [caret]);

  // Entering edit mode swaps the draft (already saved) for the message's text; leaving it
  // brings the draft back.
  if (editingId !== shownEdit) {
    setShownEdit(editingId);
    const next = editing ? editing.text : drafts.load(conversationId);
    setText(next);
    setCaret(next.length);
  }
  const focusedFor = useRef(editingId);
  useEffect(() => {
    if (focusedFor.current === editingId) return;
    focusedFor.current = editingId;
    box.current?.focus();
  }, [editingId]);

  const change = useCallback(
    (next: string, at?: number) => {
      setText(next);
      if (!editingId) drafts.save(conversationId, next);
      if (at !== undefined) setCaret(at);
    },
    [drafts, conversationId, editingId],
  );

  /** Puts text at the caret (or over the selection), e.g. an emoji. */
  const insertAtCaret = (insert: string) => {
    const el = box.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    change(text.slice(0, start) + insert + text.slice(end), start + insert.length);
  };

  return { text, change, box, insertAtCaret, editingId };
}
