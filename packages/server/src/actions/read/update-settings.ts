import type { Settings, UpdateSettingsBody } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { type Services, transact } from '../../services.ts';
import { changePresenceVisibility } from '../presence/change-visibility.ts';
import { presenceVisibility } from '../../store/presence-settings.ts';
import { pushPreviewOn, setPushPreview } from '../../store/push-subscriptions.ts';
import { readReceiptsOn, setReadReceipts } from '../../store/read-state.ts';

/**
 * Changes the caller's privacy settings; every socket of theirs hears `settings.updated` when
 * one changed. Turning read receipts off hides the caller's cursor from others and theirs from
 * the caller from the next read on; nothing is sent to the people concerned (the change
 * itself would tell them something), and receipts they were already shown stay shown.
 * Changing who sees my presence shows at once (actions/presence/change-visibility.ts).
 */
export async function updateSettings(
  services: Services,
  actor: Actor,
  changes: UpdateSettingsBody,
): Promise<Settings> {
  const me = actor.user.id;
  return transact(services, async (tx, emit) => {
    const before: Settings = {
      readReceipts: await readReceiptsOn(tx, me),
      pushPreview: await pushPreviewOn(tx, me),
      presenceVisibleTo: await presenceVisibility(tx, me),
    };
    const after: Settings = {
      readReceipts: changes.readReceipts ?? before.readReceipts,
      pushPreview: changes.pushPreview ?? before.pushPreview,
      presenceVisibleTo: changes.presenceVisibleTo ?? before.presenceVisibleTo,
    };
    if (
      after.readReceipts === before.readReceipts &&
      after.pushPreview === before.pushPreview &&
      after.presenceVisibleTo === before.presenceVisibleTo
    )
      return after;
    if (after.readReceipts !== before.readReceipts) await setReadReceipts(tx, me, after.readReceipts);
    if (after.pushPreview !== before.pushPreview) await setPushPreview(tx, me, after.pushPreview);
    if (after.presenceVisibleTo !== before.presenceVisibleTo)
      await changePresenceVisibility(services, tx, emit, me, after.presenceVisibleTo);
    emit({ to: { users: [me] }, event: { event: 'settings.updated', data: after } });
    return after;
  });
}
