import type { PresenceVisibility } from '@parley/protocol';
import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import { now } from '../../ids.ts';
import type { Services } from '../../services.ts';
import { setPresenceVisibility } from '../../store/presence-settings.ts';
import { presenceAudience } from '../../store/relations.ts';
import type { Database } from '../../store/tables.ts';

/**
 * Changes who sees `userId`'s presence, inside the settings transaction, and queues what the
 * people concerned must hear for the change to show at once (PROTOCOL.md, Presence): while the
 * user is online, those who stop seeing them hear them go offline with `lastSeenAt: null`
 * (hidden, not a time), and those who start seeing them hear them come online. The user's
 * own devices hear `settings.updated` and ask `GET /presence` again: the rule is symmetric, so
 * whom they see changed the same way.
 */
export async function changePresenceVisibility(
  services: Services,
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  userId: string,
  to: PresenceVisibility,
): Promise<void> {
  const before = new Set(await presenceAudience(tx, userId));
  await setPresenceVisibility(tx, userId, to);
  const after = new Set(await presenceAudience(tx, userId));
  if (!(await services.presence.onlineAmong([userId])).has(userId)) return;
  const lost = [...before].filter((id) => !after.has(id));
  const gained = [...after].filter((id) => !before.has(id));
  if (lost.length > 0)
    emit({
      to: { users: lost },
      event: { event: 'presence.changed', data: { userId, online: false, lastSeenAt: null } },
    });
  if (gained.length > 0)
    emit({
      to: { users: gained },
      event: { event: 'presence.changed', data: { userId, online: true, lastSeenAt: now() } },
    });
}
