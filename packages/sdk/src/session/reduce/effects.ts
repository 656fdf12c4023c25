import type { LoadedPart } from '../session-state.ts';

/**
 * What a reducer asks of the session besides the new state (reducers stay pure: no I/O):
 * - `reload`: only the server knows the answer (a conversation new to me, a block's details).
 * - `uncertain`: a change that is not idempotent (a member count) was applied; if a load of
 *   that part is on the way, its answer may or may not include it, so load once more after.
 */
export interface Effects {
  reload(part: LoadedPart): void;
  uncertain(part: LoadedPart): void;
  /** Only the server knows a held online list now (`session.loadOnline`): asked again. */
  reloadOnline(conversationId: string): void;
}

/** Effects ignored: for replaying events over a load's answer (they had their effects the first time). */
export const noEffects: Effects = { reload() {}, uncertain() {}, reloadOnline() {} };
