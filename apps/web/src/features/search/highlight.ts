/** A run of snippet text, marked when it is one of the query's matches. */
export interface Piece {
  text: string;
  mark: boolean;
}

/**
 * Cuts a search snippet into plain and marked runs from the server's `[start, end)` offsets
 * (UTF-16 indices, see SearchSnippet). Offsets are clamped, sorted and merged, so a bad or
 * overlapping range can never drop or repeat text; the pieces always join back to `text`.
 * The result is rendered as text nodes, never as markup.
 */
export function splitHighlights(text: string, ranges: readonly (readonly [number, number])[]): Piece[] {
  const clamp = (n: number) => Math.max(0, Math.min(text.length, n));
  const sorted = ranges
    .map(([start, end]) => [clamp(start), clamp(end)] as const)
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0]);
  const pieces: Piece[] = [];
  let at = 0;
  for (const [start, end] of sorted) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) pieces.push({ text: text.slice(at, from), mark: false });
    const last = pieces.at(-1);
    // Touching or overlapping matches read as one mark.
    if (last?.mark && from === at) last.text += text.slice(from, end);
    else pieces.push({ text: text.slice(from, end), mark: true });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), mark: false });
  return pieces;
}
