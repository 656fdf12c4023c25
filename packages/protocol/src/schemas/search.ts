/** Full-text message search (step 3). */
export {};
