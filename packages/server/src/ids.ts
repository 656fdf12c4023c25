import { v7 as uuidv7 } from 'uuid';

/** New opaque ids: UUIDv7, so rows made later sort later, which keeps indexes compact. */
export const newId = (): string => uuidv7();

export const now = (): string => new Date().toISOString();
