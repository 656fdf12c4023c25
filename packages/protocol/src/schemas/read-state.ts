import { z } from 'zod';

/** Read state, receipts and the conversation list's per-member settings (step 3). */
export const ReadResult = z.object({ conversationId: z.string(), readSeq: z.number().int() });
export type ReadResult = z.infer<typeof ReadResult>;

export const readStateEvents = {} as const;
