/** Friends and blocks: request bodies, answers and events (filled in by step 2). */
export const friendEvents = {} as const;
