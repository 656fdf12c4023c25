import { limits } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { type StickerImage, makeSticker } from '../../media/stickers.ts';
import type { Services } from '../../services.ts';
import { fromImageUpload } from '../uploads/image-source.ts';
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
  const maxBytes = limits.stickerSourceMaxBytes;
  return fromImageUpload(
    services,
    actor,
    uploadId,
    'a sticker',
    async (source, made) => {
      const image = await makeSticker(source, services.paths.work, {
        maxPixels: services.config.imageMaxPixels,
        ...options,
      });
      made.push(image.path);
      const { path: file, size: _size, ...shown } = image;
      return services.blobLock.run(async () => apply({ ...shown, sha: await storeBlob(services, file) }));
    },
    { maxBytes },
  );
}
