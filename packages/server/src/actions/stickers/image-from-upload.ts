import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { limits } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { type StickerImage, makeSticker } from '../../media/stickers.ts';
import type { Services } from '../../services.ts';
import { uploadById } from '../../store/uploads.ts';
import { storeBlob } from '../uploads/store-blob.ts';

/** A sticker's or custom emoji's image, stored: its blob and what it is. */
export type StoredImage = Omit<StickerImage, 'path' | 'size'> & { sha: string };

/**
 * Makes a sticker image (or, with a smaller `size`, a custom emoji) from one of the caller's
 * finished image uploads of at most limits.stickerSourceMaxBytes, stores it as a blob, and
 * lets `apply` record it while the blob lock is held, so the sweep cannot take it in between.
 */
export async function imageFromUpload<T>(
  services: Services,
  actor: Actor,
  uploadId: string,
  options: { size?: number },
  apply: (image: StoredImage) => Promise<T>,
): Promise<T> {
  const upload = await uploadById(services.store.db, uploadId);
  if (!upload || upload.owner_id !== actor.user.id || upload.status !== 'ready' || !upload.blob_sha) {
    throw new AppError('not_found', 'no finished upload of yours has this id', { field: 'uploadId' });
  }
  if (upload.kind !== 'image') {
    throw new AppError('unsupported_media_type', 'a sticker is made from an image upload', {
      field: 'uploadId',
    });
  }
  if (Number(upload.size) > limits.stickerSourceMaxBytes) {
    throw new AppError(
      'too_large',
      `a sticker is made from an image of at most ${limits.stickerSourceMaxBytes} bytes`,
      {
        field: 'uploadId',
      },
    );
  }
  // makeSticker reads a file, and the blob store may be remote: copy the stored image to work/.
  const source = path.join(services.paths.work, randomUUID());
  const made: string[] = [source];
  try {
    await pipeline(services.blobs.read(upload.blob_sha), createWriteStream(source));
    const image = await makeSticker(source, services.paths.work, {
      maxPixels: services.config.imageMaxPixels,
      ...options,
    });
    made.push(image.path);
    const { path: file, size: _size, ...shown } = image;
    return await services.blobLock.run(async () => apply({ ...shown, sha: await storeBlob(services, file) }));
  } finally {
    await Promise.all(made.map((f) => rm(f, { force: true })));
  }
}
