import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { uploadById } from '../../store/uploads.ts';

/**
 * For making something of one of the caller's finished image uploads (an avatar, a sticker,
 * a custom emoji): checks the upload, copies its stored image to a file in work/ (the image
 * tools read files, and the blob store may be remote), and runs `work` with that file and a
 * list to which it adds the files it makes; all of them are removed afterwards. A source
 * larger than `maxBytes` is refused before anything is copied.
 */
export async function fromImageUpload<T>(
  services: Services,
  actor: Actor,
  uploadId: string,
  purpose: string,
  work: (source: string, made: string[]) => Promise<T>,
  { maxBytes }: { maxBytes?: number } = {},
): Promise<T> {
  const upload = await uploadById(services.store.db, uploadId);
  if (!upload || upload.owner_id !== actor.user.id || upload.status !== 'ready' || !upload.blob_sha) {
    throw new AppError('not_found', 'no finished upload of yours has this id', { field: 'uploadId' });
  }
  if (upload.kind !== 'image') {
    throw new AppError('unsupported_media_type', `${purpose} is made from an image upload`, {
      field: 'uploadId',
    });
  }
  if (maxBytes !== undefined && Number(upload.size) > maxBytes) {
    throw new AppError('too_large', `${purpose} is made from an image of at most ${maxBytes} bytes`, {
      field: 'uploadId',
    });
  }
  const source = path.join(services.paths.work, randomUUID());
  const made: string[] = [source];
  try {
    await pipeline(await services.blobs.read(upload.blob_sha), createWriteStream(source));
    return await work(source, made);
  } finally {
    await Promise.all(made.map((f) => rm(f, { force: true })));
  }
}
