/** Edit, recall, reactions, forwarding and typing (step 3). */
export const messageOperationEvents = {} as const;
