import type { AuditEntry, ServerSettings, UpdateServerSettingsBody } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { recordAudit } from '../../store/audit-log.ts';
import { type SettingName, lockSettings, saveSettings, storedSettings } from '../../store/server-settings.ts';
import { ensureLobby } from '../conversations/ensure-lobby.ts';
import { announceSettings, currentSettings, rereadSettings } from './live-settings.ts';

/**
 * An admin changes run-time settings (live-settings.ts). Only values that differ from the ones
 * in force are stored and audited ('settings.update', each key's before and after); a request
 * that changes nothing writes nothing. They apply on this node at once and on the others as
 * soon as they hear of it (Redis), within a second.
 *
 * The lobby: switched on, it is made if missing and new accounts join it; switched off, nobody
 * new joins (registration, POST /groups/lobby/join) and GET /server shows no lobby, but the
 * room, its history and its members stay, as with PARLEY_LOBBY=false over an existing lobby:
 * nothing is lost and switching it on again brings it back as it was.
 */
export async function updateServerSettings(
  services: Services,
  actor: Actor,
  body: UpdateServerSettingsBody,
): Promise<ServerSettings> {
  if (Object.keys(body).length === 0) {
    throw new AppError('invalid_request', 'name at least one setting to change');
  }
  const changed = await transact(services, async (tx) => {
    await lockSettings(tx, services.store.dialect);
    // What is in force: stored values (another node's change this node may not have heard of
    // yet) over this node's.
    const stored = await storedSettings(tx);
    const before = { ...currentSettings(services.config), ...stored };
    const changes: Partial<Record<SettingName, unknown>> = {};
    const detail: AuditEntry['detail'] = {};
    for (const [name, value] of Object.entries(body) as [SettingName, ServerSettings[SettingName]][]) {
      if (value === undefined || before[name] === value) continue;
      changes[name] = value;
      detail[`${name}.before`] = before[name];
      detail[`${name}.after`] = value;
    }
    if (Object.keys(changes).length === 0) return false;
    await saveSettings(tx, changes as Partial<ServerSettings>, actor.user.id, now());
    if (changes.lobby === true) await ensureLobby(tx);
    await recordAudit(tx, {
      actorId: actor.user.id,
      action: 'settings.update',
      targetType: 'settings',
      targetId: null,
      targetLabel: 'server settings',
      detail,
    });
    return true;
  });
  // Read back, not applied from this transaction's view: see rereadSettings.
  await rereadSettings(services);
  if (changed) await announceSettings(services);
  return currentSettings(services.config);
}
