import type { SearchSnippet } from '@parley/protocol';

/** Characters (graphemes) of context kept on each side of the first match. */
const contextEach = 20;
const ellipsis = '…';
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The part of `body` around the first case-insensitive match of `query`: `contextEach`
 * graphemes before and after it, cut only at grapheme boundaries (never inside a surrogate
 * pair, an emoji sequence or a letter with its accents), with "…" where text was cut, and
 * line breaks shown as spaces. `highlights` are every match lying wholly in the snippet, as
 * [start, end) UTF-16 offsets into `text` — ranges, not markup, so clients render them safely.
 *
 * The database decided that the message matches; if JavaScript's case folding disagrees on some
 * rare character, the snippet is the message's start with no highlights rather than an error.
 */
export function snippetFor(body: string, query: string): SearchSnippet {
  const matches = findAll(body, query);
  const first = matches[0];
  const bounds = graphemeBounds(body);
  const [matchStart, matchEnd] = first ?? [0, 0];
  const startIndex = Math.max(0, lastAtOrBefore(bounds, matchStart) - contextEach);
  const endIndex = Math.min(bounds.length - 1, firstAtOrAfter(bounds, matchEnd) + contextEach);
  const start = bounds[startIndex]!;
  const end = bounds[endIndex]!;
  const prefix = start > 0 ? ellipsis : '';
  const suffix = end < body.length ? ellipsis : '';
  const text = prefix + body.slice(start, end).replace(/[\r\n\t]/g, ' ') + suffix;
  const highlights = matches
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): [number, number] => [s - start + prefix.length, e - start + prefix.length]);
  return { text, highlights };
}

/**
 * Every non-overlapping occurrence of `query` in `body`, ignoring case, as [start, end) offsets
 * into `body`. Folding is per code point with a map back to `body`'s offsets, because
 * lower-casing can change a string's length ("İ" becomes two code units).
 */
function findAll(body: string, query: string): [number, number][] {
  const needle = fold(query).text;
  if (needle.length === 0) return [];
  const { text, origin } = fold(body);
  const found: [number, number][] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
    const end = at + needle.length;
    // Only matches that start and end on whole folded characters map back exactly.
    if (origin[at] === undefined || origin[end] === undefined) continue;
    found.push([origin[at]!, origin[end]!]);
  }
  return found;
}

/** `text` lower-cased code point by code point; `origin[i]` is where folded offset i came from. */
function fold(s: string): { text: string; origin: (number | undefined)[] } {
  let text = '';
  const origin: (number | undefined)[] = [];
  let at = 0;
  for (const ch of s) {
    const lower = ch.toLowerCase();
    origin[text.length] = at;
    text += lower;
    at += ch.length;
  }
  origin[text.length] = at;
  return { text, origin };
}

/** UTF-16 offsets where graphemes start, plus the string's length. */
function graphemeBounds(s: string): number[] {
  const bounds = [...graphemes.segment(s)].map((g) => g.index);
  bounds.push(s.length);
  return bounds;
}

/** Index of the last boundary at or before `offset`. */
function lastAtOrBefore(bounds: number[], offset: number): number {
  let i = 0;
  while (i + 1 < bounds.length && bounds[i + 1]! <= offset) i += 1;
  return i;
}

/** Index of the first boundary at or after `offset`. */
function firstAtOrAfter(bounds: number[], offset: number): number {
  let i = 0;
  while (i < bounds.length - 1 && bounds[i]! < offset) i += 1;
  return i;
}
