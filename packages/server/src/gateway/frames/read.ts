import type { ReadFrame, ReadResult } from '@parley/protocol';
import type { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Connection } from '../connection.ts';

/** `read`: not built yet (step 3, in progress). */
export async function readFrame(
  _connection: Connection,
  _frame: z.infer<typeof ReadFrame>,
): Promise<ReadResult> {
  throw new AppError('invalid_request', 'read state is not available yet');
}
