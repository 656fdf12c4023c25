import stringWidth from 'string-width';

/**
 * Text measured in terminal cells, not UTF-16 units: a Chinese character or an emoji takes
 * two cells, a combining mark none. Every row the TUI draws goes through these, so a row
 * with wide characters ends at the same column as one without (a pane border stays put).
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Cells `text` takes on screen. */
export function widthOf(text: string): number {
  return stringWidth(text);
}

/** User-perceived characters: an emoji with its modifiers, or a letter with its marks, stays whole. */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/**
 * Exactly `width` cells: cut with `…` when longer (never through a wide character, which
 * would leave half of it), padded with spaces when shorter.
 */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  const flat = oneLine(text);
  const full = widthOf(flat);
  if (full <= width) return flat + ' '.repeat(width - full);
  let out = '';
  let used = 0;
  for (const g of graphemes(flat)) {
    const w = widthOf(g);
    if (used + w > width - 1) break;
    out += g;
    used += w;
  }
  return `${out}…${' '.repeat(width - 1 - used)}`;
}

/**
 * Lines of at most `width` cells (`restWidth` for all but the first), broken after spaces and
 * between wide characters (Chinese text has no spaces: any character may end a line), and
 * inside a word only when it is longer than a line.
 */
export function wrap(text: string, width: number, restWidth = width): string[] {
  if (width <= 0 || restWidth <= 0) return [];
  const lines: string[] = [];
  const room = () => (lines.length === 0 ? width : restWidth);
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const token of breakable(oneLine(paragraph))) {
      const w = widthOf(token);
      if (used + w > room() && line.trimEnd() !== '') {
        lines.push(line.trimEnd());
        line = '';
        used = 0;
      }
      if (used + w <= room()) {
        line += token;
        used += w;
        continue;
      }
      for (const g of graphemes(token)) {
        const gw = widthOf(g);
        if (used + gw > room()) {
          lines.push(line);
          line = '';
          used = 0;
        }
        line += g;
        used += gw;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** Pieces a line may end after: a word with the space after it, or one wide character. */
function breakable(text: string): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const g of graphemes(text)) {
    if (widthOf(g) > 1) {
      if (piece) pieces.push(piece);
      pieces.push(g);
      piece = '';
      continue;
    }
    piece += g;
    if (g === ' ') {
      pieces.push(piece);
      piece = '';
    }
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Control characters (a newline, a tab, an escape) would move the cursor: shown as spaces. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- the point is to find control characters
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}
