import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { makeAvatar } from '../../media/avatars.ts';
import type { Services } from '../../services.ts';
import { uploadById } from '../../store/uploads.ts';
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
  const upload = await uploadById(services.store.db, uploadId);
  if (!upload || upload.owner_id !== actor.user.id || upload.status !== 'ready' || !upload.blob_sha) {
    throw new AppError('not_found', 'no finished upload of yours has this id', { field: 'uploadId' });
  }
  if (upload.kind !== 'image') {
    throw new AppError('unsupported_media_type', 'an avatar is made from an image upload', {
      field: 'uploadId',
    });
  }
  // The source is the re-encoded image; makeAvatar reads a file, and the store may be remote.
  const source = path.join(services.paths.work, randomUUID());
  const made: string[] = [source];
  try {
    await pipeline(services.blobs.read(upload.blob_sha), createWriteStream(source));
    const avatar = await makeAvatar(source, services.paths.work, {
      maxPixels: services.config.imageMaxPixels,
    });
    made.push(avatar.large.path, avatar.small.path);
    return await services.blobLock.run(async () => {
      const blobs = {
        large: await storeBlob(services, avatar.large.path),
        small: await storeBlob(services, avatar.small.path),
      };
      return apply(blobs);
    });
  } finally {
    await Promise.all(made.map((f) => rm(f, { force: true })));
  }
}
