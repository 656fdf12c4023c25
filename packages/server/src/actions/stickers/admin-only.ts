import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';

/** Server packs and custom emoji are the admins' to change (users.role; the first account is one). */
export function requireAdmin(actor: Actor, what: string): void {
  if (actor.user.role !== 'admin') throw new AppError('forbidden', `only an admin can ${what}`);
}
