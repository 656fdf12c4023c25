import { z } from 'zod';
import { limits } from '../limits.ts';
import { Id, LookupText, PageLimit } from './common.ts';
import { Message } from './conversations.ts';

/**
 * Full-text message search (step 3): `GET /api/v1/search/messages`. Matching is by substring,
 * case-insensitive in every script, and needs no word boundaries, so "你好" finds "大家你好啊"
 * and "hello" finds "Well HELLO there". PROTOCOL.md has the worked example.
 */
export const SearchMessagesQuery = z.strictObject({
  /** The text to find, trimmed; `%` and `_` mean themselves. */
  q: LookupText(limits.searchQueryMax).trim().min(1),
  /** Only this conversation (one the caller is in; otherwise `404 not_found`). */
  conversationId: Id.optional(),
  limit: PageLimit,
  /** Opaque: the previous page's `nextCursor`, passed back as is. */
  cursor: z.string().max(200).optional(),
});
export type SearchMessagesQuery = z.infer<typeof SearchMessagesQuery>;

/**
 * Up to ~40 characters of the message around its first match. `highlights` are the matches
 * inside `text` as `[start, end)` offsets in UTF-16 code units (JavaScript string indices),
 * never markup, so a client renders them as text. A snippet cut from a longer message starts
 * or ends with "…" (the offsets already count it).
 */
export const SearchSnippet = z.object({
  text: z.string(),
  highlights: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])),
});
export type SearchSnippet = z.infer<typeof SearchSnippet>;

export const SearchResult = z.object({ message: Message, snippet: SearchSnippet });
export type SearchResult = z.infer<typeof SearchResult>;

/**
 * Newest first. `nextCursor` is `null` once nothing older can match. A page may hold fewer
 * than `limit` results — even none — while `nextCursor` is not null: a 1–2 character query
 * looks at a bounded window of messages per request, and the cursor continues from there.
 */
export const SearchMessagesPage = z.object({
  results: z.array(SearchResult),
  nextCursor: z.string().nullable(),
});
export type SearchMessagesPage = z.infer<typeof SearchMessagesPage>;
