const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** How much of the quoted message a reply preview (`Message.replyTo.text`) shows, in UTF-16 units. */
export const replyExcerptMax = 200;

/**
 * The start of `text`, at most `max` UTF-16 units, cut between graphemes: never half an emoji,
 * a surrogate pair or a letter without its accent.
 */
export function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length > max) break;
    out += segment;
  }
  return out;
}
