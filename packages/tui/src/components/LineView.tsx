import { Text } from 'ink';
import type { LineState } from '../text/line-edit.ts';
import { fit, graphemes, widthOf } from '../text/width.ts';

interface Props {
  state: LineState;
  /** Cells it may take. */
  width: number;
  /** Shows the cursor (an inverse cell). */
  focus: boolean;
  /** Shown dim while empty. */
  placeholder?: string;
  /** Password fields show one `*` per character. */
  mask?: boolean;
}

/**
 * A line of text being edited, with its cursor. Text wider than the field scrolls so that the
 * cursor stays in view; wide characters are never cut in half.
 */
export function LineView({ state, width, focus, placeholder, mask }: Props) {
  const parts = graphemes(state.text).map((g) => (mask ? '*' : g));
  if (parts.length === 0 && placeholder) {
    return (
      <Text>
        {focus ? <Text inverse> </Text> : null}
        <Text dimColor>{fit(placeholder, width - (focus ? 1 : 0)).trimEnd()}</Text>
      </Text>
    );
  }
  const { before, at, after } = visibleAround(parts, state.cursor, width);
  return (
    <Text>
      {before}
      {focus ? <Text inverse>{at}</Text> : at}
      {after}
    </Text>
  );
}

/** The slice of the text that fits in `width` cells with the cursor (a cell of its own at the end) in view. */
function visibleAround(parts: string[], cursor: number, width: number) {
  const at = parts[cursor] ?? ' ';
  let room = width - widthOf(at);
  let start = cursor;
  while (start > 0 && widthOf(parts[start - 1]!) <= room) room -= widthOf(parts[--start]!);
  let end = cursor + 1;
  while (end < parts.length && widthOf(parts[end]!) <= room) room -= widthOf(parts[end++]!);
  return { before: parts.slice(start, cursor).join(''), at, after: parts.slice(cursor + 1, end).join('') };
}
