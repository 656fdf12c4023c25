import type { Me } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { now } from '../../ids.ts';
import { presentMe, presentUser } from '../../presenters/users.ts';
import { type Services, transact } from '../../services.ts';
import { updateUser, userById } from '../../store/users.ts';
import { avatarFromUpload } from '../uploads/make-avatar.ts';

/**
 * Sets the caller's avatar from one of their image uploads (square-cropped, 256 and 64 px), or
 * removes it (`uploadId` null). Everyone who can see them hears `user.updated`; the old
 * avatar's files go with the next sweep unless someone else uses the same picture.
 */
export async function setAvatar(services: Services, actor: Actor, uploadId: string | null): Promise<Me> {
  const save = (avatar: string | null, small: string | null) =>
    transact(services, async (tx, emit) => {
      await updateUser(tx, actor.user.id, { avatar, avatar_small: small, updated_at: now() });
      const user = (await userById(tx, actor.user.id))!;
      emit({ to: { everyone: true }, event: { event: 'user.updated', data: presentUser(user) } });
      return presentMe(user);
    });
  if (uploadId === null) return save(null, null);
  return avatarFromUpload(services, actor, uploadId, ({ large, small }) => save(large, small));
}
