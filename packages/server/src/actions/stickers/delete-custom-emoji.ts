import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { deleteCustomEmoji as deleteRow } from '../../store/custom-emoji.ts';
import { requireAdmin } from './admin-only.ts';

/** An admin removes a custom emoji; its shortcode shows as plain text again. */
export async function deleteCustomEmoji(services: Services, actor: Actor, shortcode: string): Promise<void> {
  requireAdmin(actor, 'change custom emoji');
  if (!(await deleteRow(services.store.db, shortcode)))
    throw new AppError('not_found', 'no such custom emoji');
}
