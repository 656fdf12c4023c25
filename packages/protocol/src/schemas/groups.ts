/** Groups: request bodies, invitations, join requests and their events (filled in by step 2). */
export const groupEvents = {} as const;
