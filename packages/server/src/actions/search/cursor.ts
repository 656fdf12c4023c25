import { Id } from '@parley/protocol';
import { AppError } from '../../errors.ts';
import type { SearchKey } from '../../store/search.ts';

const timestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A place in the results, opaque to clients: base64url of `[createdAt, id]`. */
export function encodeCursor(key: SearchKey): string {
  return Buffer.from(JSON.stringify([key.createdAt, key.id])).toString('base64url');
}

/** The place a cursor names; anything the server did not give out is `400` on `cursor`. */
export function decodeCursor(cursor: string): SearchKey {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [createdAt, id] = parsed as unknown[];
      if (typeof createdAt === 'string' && timestamp.test(createdAt) && Id.safeParse(id).success) {
        return { createdAt, id: id as string };
      }
    }
  } catch {
    // fall through to the refusal
  }
  throw new AppError('invalid_request', 'cursor is not one this server gave out', { field: 'cursor' });
}
