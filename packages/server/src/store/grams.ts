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
 * A gram as a token SQLite's FTS5 `ascii` tokenizer keeps whole: its code points in hex, each
 * after an `x` ("你好" → "x4f60x597d"), so no character of a message is ever FTS5 syntax or a
 * separator, and one character's token is never a prefix-match of another's.
 */
export function gramToken(gram: string): string {
  let token = '';
  for (const char of gram) token += `x${char.codePointAt(0)!.toString(16)}`;
  return token;
}
