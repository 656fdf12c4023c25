import fc from 'fast-check';
import { limits } from '@parley/protocol';

/**
 * Odd values for any field: the inputs that break parsers and databases rather than random
 * noise alone. Shared by the WebSocket and REST fuzzers.
 */

/** Characters that have broken chat servers: controls, NUL, lone surrogates, bidi overrides, zero-width, BOM. */
const trouble = [
  '\u0000',
  '\u0007',
  '\b',
  '\r\n',
  '\u0085',
  '\u2028',
  '\uD800',
  '\uDFFF',
  '\u202E',
  '\u2066',
  '\u200B',
  '\uFEFF',
  '\u3164',
  '%',
  '_',
  '\\',
  "'",
  '"',
  '%00',
  '%ZZ',
  '%2F',
  '../',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  'é',
  'ﬁ',
  '你好',
];

export const troubleText: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...trouble), fc.string({ maxLength: 4 })), { maxLength: 12 })
  .map((parts) => parts.join(''));

/** Strings as numbers and words that parsers treat specially. */
export const numberish = fc.constantFrom(
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '0x10',
  '9007199254740993',
  '-1',
  '1.5',
  ' 1',
  '',
  'null',
  'undefined',
  'true',
  '__proto__',
  'constructor',
  'toString',
);

/** Lengths just past the limits that matter (ids, names, texts). */
export const longText = fc
  .constantFrom(limits.frameIdMax + 1, 65, 200, limits.messageTextMax + 1, 10_000)
  .chain((n) => fc.constantFrom('a', 'é', '😀', '\u0000').map((c) => c.repeat(n)));

export const oddNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, Number.MAX_SAFE_INTEGER + 2),
);

/** Any one odd value: a string, a number, a wrong type, or nested junk. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: troubleText, weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: numberish, weight: 2 },
  { arbitrary: oddNumber, weight: 2 },
  { arbitrary: longText, weight: 1 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
);

/** Something in an id's place: real ids (so some requests get through), lookalikes and junk. */
export function idLike(real: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...real), weight: 4 },
    { arbitrary: fc.uuid(), weight: 2 },
    { arbitrary: fc.constantFrom('lobby', 'a', '-', '_', '0'), weight: 1 },
    { arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), weight: 1 },
    { arbitrary: oddValue, weight: 3 },
  );
}
