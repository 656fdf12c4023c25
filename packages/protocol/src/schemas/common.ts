import { z } from 'zod';
import { errorCodes } from '../errors.ts';
import { limits } from '../limits.ts';
import { breaksLine, isBlankText } from '../text/invisible.ts';

/** Opaque identifiers (UUIDv7 today; clients must not parse them). */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'not an id this server gave out');

/** ISO-8601 UTC timestamp, e.g. 2026-11-22T01:30:00.000Z. */
export const Timestamp = z.string();

/**
 * A one-line human text: no control characters, and no bidirectional overrides that could
 * make a name display as something it is not. Emoji (including ZWJ sequences) are fine.
 */
const oneLine = /^[^\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]*$/u;
/** Like oneLine, but newlines and tabs are allowed. */
const multiLine = /^(?:[\n\t]|[^\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069])*$/u;

/**
 * Text used only to look something up (a login name, a search): no control characters or lone
 * surrogates, which PostgreSQL cannot store or compare and would answer with an error.
 */
export const LookupText = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\p{Cc}\p{Cs}]*$/u, 'no control characters');

export const Username = z
  .string()
  .min(limits.usernameMin)
  .max(limits.usernameMax)
  .regex(
    /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/,
    'letters, digits, _ . - only, starting and ending with a letter, digit or _',
  )
  .describe('Unique login name; case-insensitive, stored in lower case.');

/**
 * A name people see in lists and headers (a display name, a group name, a sticker pack's name):
 * any script and emoji, but one line and something visible. Refused: line and paragraph breaks
 * of every kind (U+2028 too) and other control characters, which stretch a name over two lines;
 * bidi overrides and isolates, which make a name display as something it is not; and names that
 * draw nothing — only spaces and invisible characters (zero-width spaces, Hangul fillers, the
 * Braille blank …) — with which someone looks nameless or passes for a blank row.
 * `trim` removes surrounding whitespace first, for names stored trimmed.
 */
export const VisibleName = (max: number, { trim = false } = {}) =>
  (trim ? z.string().trim() : z.string())
    .max(max)
    .refine((s) => !breaksLine(s), 'must be one line: no line breaks or control characters')
    .regex(/^[^\p{Cs}\u202A-\u202E\u2066-\u2069]*$/u, 'no bidirectional override characters')
    .refine(
      (s) => !isBlankText(s),
      'must not be blank: spaces and invisible characters alone are not a name',
    );

export const DisplayName = VisibleName(limits.displayNameMax).describe(
  'The name others see; any script, emoji welcome.',
);

export const Bio = z.string().max(limits.bioMax).regex(multiLine, 'no control characters');

export const Password = z.string().min(limits.passwordMin).max(limits.passwordMax);

export const DeviceName = z.string().max(limits.deviceNameMax).regex(oneLine, 'no control characters');

export const PageLimit = z.coerce
  .number()
  .int()
  .min(1)
  .max(limits.pageSizeMax)
  .default(limits.pageSizeDefault);

export const ErrorResponse = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    field: z.string().optional(),
    retryAfter: z.number().optional(),
  }),
});
