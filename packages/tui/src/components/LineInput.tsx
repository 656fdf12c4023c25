import { useRef } from 'react';
import { useKeys } from '../hooks/useKeys.ts';
import { type LineState, editLine } from '../text/line-edit.ts';
import { LineView } from './LineView.tsx';

interface Props {
  state: LineState;
  onChange(next: LineState): void;
  onSubmit(text: string): void;
  width: number;
  focus: boolean;
  placeholder?: string;
}

/**
 * A one-line text field that edits by grapheme (text/line-edit.ts; ink-text-input counts
 * UTF-16 units and would split an emoji). Keys it does not edit with are the screen's.
 */
export function LineInput({ state, onChange, onSubmit, width, focus, placeholder }: Props) {
  // Keys can come faster than the screen redraws: each edit starts from the last one.
  const latest = useRef(state);
  latest.current = state;
  useKeys((input, key) => {
    const edit = editLine(latest.current, input, key);
    if (!edit) return;
    if (edit.next !== latest.current) {
      latest.current = edit.next;
      onChange(edit.next);
    }
    if (edit.submit) {
      onSubmit(edit.next.text);
      // The screen empties the field after a send; what follows starts there.
      latest.current = { text: '', cursor: 0 };
    }
  }, focus);
  return <LineView state={state} width={width} focus={focus} {...(placeholder && { placeholder })} />;
}
