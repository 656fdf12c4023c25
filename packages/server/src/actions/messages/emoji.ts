const singlePictograph = /^(\p{Extended_Pictographic})\uFE0F?$/u;
const keycap = /^([0-9#*])\uFE0F?\u20E3$/u;
const emojiPresentation = /^\p{Emoji_Presentation}$/u;

/**
 * One spelling per emoji, so "❤" and "❤️" count as one reaction, not two: a lone pictograph
 * takes the variation selector U+FE0F exactly when it needs one to show as an emoji (the
 * fully-qualified form of Unicode's emoji-test.txt), and keycaps always carry it. Sequences
 * (skin tones, ZWJ families, flags) are kept as sent.
 */
export function canonicalEmoji(emoji: string): string {
  const key = keycap.exec(emoji);
  if (key) return `${key[1]}\uFE0F\u20E3`;
  const single = singlePictograph.exec(emoji);
  if (!single) return emoji;
  const base = single[1]!;
  return emojiPresentation.test(base) ? base : `${base}\uFE0F`;
}
