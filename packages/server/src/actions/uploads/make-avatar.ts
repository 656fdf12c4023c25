import type { Actor } from '../../access/session.ts';
import { makeAvatar } from '../../media/avatars.ts';
import type { Services } from '../../services.ts';
import { fromImageUpload } from './image-source.ts';
import { storeBlob } from './store-blob.ts';

export interface AvatarBlobs {
  large: string;
  small: string;
}

/**
 * Makes the 256 px and 64 px avatar squares from one of the caller's finished image uploads
 * and stores them as blobs; `apply` records them (on the user or the group) while the blob
 * lock is held, so the sweep cannot take them in between.
 */
export async function avatarFromUpload<T>(
  services: Services,
  actor: Actor,
  uploadId: string,
  apply: (blobs: AvatarBlobs) => Promise<T>,
): Promise<T> {
  return fromImageUpload(services, actor, uploadId, 'an avatar', async (source, made) => {
    const avatar = await makeAvatar(source, services.paths.work, {
      maxPixels: services.config.imageMaxPixels,
    });
    made.push(avatar.large.path, avatar.small.path);
    return services.blobLock.run(async () => {
      const blobs = {
        large: await storeBlob(services, avatar.large.path),
        small: await storeBlob(services, avatar.small.path),
      };
      return apply(blobs);
    });
  });
}
