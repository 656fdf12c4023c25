import { z } from 'zod';
import { errorCodes } from '../errors.ts';
import { limits } from '../limits.ts';

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

export const DisplayName = z
  .string()
  .max(limits.displayNameMax)
  .regex(oneLine, 'no control characters')
  .refine((s) => s.trim().length > 0, 'must not be blank')
  .describe('The name others see; any script, emoji welcome.');

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
