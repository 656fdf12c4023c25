import type { TypingFrame } from '@parley/protocol';
import type { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Connection } from '../connection.ts';

/** `typing`: not built yet (step 3, in progress). */
export async function typingFrame(
  _connection: Connection,
  _frame: z.infer<typeof TypingFrame>,
): Promise<Record<string, never>> {
  throw new AppError('invalid_request', 'typing is not available yet');
}
