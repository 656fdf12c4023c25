/**
 * Characters that draw nothing, or that change how the characters around them are drawn. Names
 * and links are where they do harm: a name of zero-width spaces looks blank in every list, a
 * name with U+2028 spills onto a second line, and a right-to-left override (U+202E) makes
 * `https://evil.example/‮moc.knab` read as a different address than the one it opens.
 */

/**
 * What draws nothing: whitespace (the ideographic space and U+2028 included), control and
 * format characters (zero-width space and joiners, word joiner, BOM, soft hyphen, bidi marks),
 * default-ignorable code points (variation selectors, the combining grapheme joiner, the
 * Mongolian vowel separator, the Hangul fillers U+115F U+1160 U+3164 U+FFA0 …) and the blank
 * Braille pattern U+2800, a letter by Unicode's rules that prints as empty space.
 */
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** Line and paragraph breaks of every kind (\n, \r, U+0085, U+2028, U+2029) and other controls. */
const LINE_BREAK_OR_CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;

/**
 * Characters that reorder bidirectional text: the embeddings and overrides U+202A–U+202E, the
 * isolates U+2066–U+2069, and the marks U+200E, U+200F and U+061C.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** True when nothing would show: the text is empty once spaces and invisible characters go. */
export function isBlankText(text: string): boolean {
  return text.replace(INVISIBLE, '') === '';
}

/** True when the text would not stay on one line (or holds another control character). */
export function breaksLine(text: string): boolean {
  return LINE_BREAK_OR_CONTROL.test(text);
}

/** The text with every bidi control removed, so what is shown is in the order it is stored. */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
