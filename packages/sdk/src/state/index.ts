export { type ApplyTarget, type StoreEvent, applyEvent } from './apply-event.ts';
export * from './outbox.ts';
export type * from './outbox-item.ts';
export type { PersistedSend } from './persisted-send.ts';
export type { TimelineSnapshot } from './snapshot.ts';
export * from './store.ts';
export type * from './store-types.ts';
export { type Placement, type RevStep, Timeline } from './timeline.ts';
