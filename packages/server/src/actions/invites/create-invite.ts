import { randomBytes } from 'node:crypto';
import type { Invite } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { hashToken } from '../../auth/tokens.ts';
import { AppError } from '../../errors.ts';
import { newId, now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { recordAudit } from '../../store/audit-log.ts';
import { insertInvite } from '../../store/invites.ts';

/**
 * An admin makes a single-use code that lets one person register under PARLEY_REGISTRATION=invite.
 * The audit log records it ('invite.create', labelled by when it was made, as the console lists
 * invites); the code itself is shown once, here, and stored only as its hash.
 */
export async function createInvite(
  services: Services,
  actor: Actor,
  expiresInHours: number,
): Promise<Invite> {
  if (actor.user.role !== 'admin') throw new AppError('forbidden', 'only an admin can create invites');
  const code = randomBytes(12).toString('base64url');
  const at = now();
  const expiresAt = new Date(Date.parse(at) + expiresInHours * 3_600_000).toISOString();
  const id = newId();
  await transact(services, async (tx) => {
    await insertInvite(tx, {
      id,
      code_hash: hashToken(code),
      created_by: actor.user.id,
      created_at: at,
      expires_at: expiresAt,
      used_by: null,
      used_at: null,
    });
    await recordAudit(tx, {
      actorId: actor.user.id,
      action: 'invite.create',
      targetType: 'invite',
      targetId: id,
      targetLabel: at,
      detail: { expiresAt },
    });
  });
  return { code, expiresAt };
}
