/**
 * The grams message search indexes: every character of a text and every pair of neighbouring
 * characters, by code point, case folded as lower() folds (store/connect.ts on SQLite, the
 * database's lower() on PostgreSQL). One index of these answers queries of any length:
 * - 1 or 2 characters: the query is itself a gram, so the index lists exactly the messages
 *   that contain it — which no trigram index can do, and in Chinese, Japanese and Korean two
 *   characters are a whole word (你好, 東京, 서울);
 * - 3 or more: every pair of the query's neighbouring characters must be there, which narrows
 *   the messages to a few candidates; the database then checks the whole text (`like`).
 */

/** The distinct grams of `text`: its characters and its pairs of neighbouring characters. */
export function gramsOf(text: string): Set<string> {
  const chars = [...text.toLowerCase()];
  const grams = new Set<string>(chars);
  for (let i = 0; i + 1 < chars.length; i += 1) grams.add(chars[i]! + chars[i + 1]!);
  return grams;
}

/**
 * The grams a query needs a message to hold: the query itself when it is one gram (1–2
 * characters), else its pairs.
 */
export function queryGrams(query: string): string[] {
  const chars = [...query.toLowerCase()];
  if (chars.length <= 2) return [chars.join('')];
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) pairs.add(chars[i]! + chars[i + 1]!);
  return [...pairs];
}

/**
 * A gram as a token SQLite's FTS5 `ascii` tokenizer keeps whole. That tokenizer splits on ASCII
 * characters other than letters and digits and keeps every other character, so a gram of
 * letters, digits and non-ASCII characters is its own token ("你好", "ab"); any other is
 * written as its code points in hex, each after an `x` ("o " → "x6fx20"). Those are 3 or more
 * characters long, so they never equal a gram written as itself (1–2 characters).
 */
export function gramToken(gram: string): string {
  if (/^[a-z0-9\u0080-\u{10ffff}]+$/u.test(gram)) return gram;
  let token = '';
  for (const char of gram) token += `x${char.codePointAt(0)!.toString(16)}`;
  return token;
}
