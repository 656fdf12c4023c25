import type { Me, UpdateProfileBody } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { now } from '../../ids.ts';
import { presentMe, presentUser } from '../../presenters/users.ts';
import { type Services, transact } from '../../services.ts';
import { updateUser, userById } from '../../store/users.ts';

/** Changes the caller's display name and/or bio; everyone who can see them hears `user.updated`. */
export async function updateProfile(services: Services, actor: Actor, input: UpdateProfileBody): Promise<Me> {
  return transact(services, async (tx, emit) => {
    await updateUser(tx, actor.user.id, {
      ...(input.displayName !== undefined && { display_name: input.displayName.trim() }),
      ...(input.bio !== undefined && { bio: input.bio }),
      updated_at: now(),
    });
    const user = (await userById(tx, actor.user.id))!;
    emit({ to: { everyone: true }, event: { event: 'user.updated', data: presentUser(user) } });
    return presentMe(user);
  });
}
