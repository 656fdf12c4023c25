import { rm, stat } from 'node:fs/promises';
import { AppError } from '../../errors.ts';
import { detectType, essence, isInlineImage, isVoiceContainer } from '../../media/detect.ts';
import { processImage } from '../../media/images.ts';
import { probeVoice } from '../../media/voice.ts';
import type { Services } from '../../services.ts';
import type { UploadRow } from '../../store/tables.ts';
import { deleteUpload, updateUpload } from '../../store/uploads.ts';
import { storeBlob } from './store-blob.ts';
import { maxBytesOf } from './upload-limits.ts';

/** Longest side of an image's thumbnail, in pixels. */
const thumbnailSize = 480;

/**
 * All bytes of an upload have arrived (in services.staging, on whichever node took them):
 * fetch them to a local file, find out what they really are, check them against the kind
 * asked for, and store them.
 * - image: must decode as a raster image (never SVG); re-encoded without metadata, with a thumbnail.
 * - voice: must be Opus in Ogg or WebM, no longer than PARLEY_VOICE_MAX_SECONDS.
 * - file: anything; kept byte for byte, its type detected for the download's Content-Type.
 * The stored bytes go into the blob store under their SHA-256 (stored once however often
 * uploaded) and the upload becomes `ready`. A refusal deletes the upload and every byte of it;
 * the staged bytes and tus's record of them are removed either way.
 */
export async function finishUpload(services: Services, upload: UploadRow): Promise<UploadRow> {
  const { config } = services;
  const made: string[] = [];
  try {
    const file = await services.staging.fetch(upload.id);
    made.push(file);
    const { size } = await stat(file);
    if (size > maxBytesOf(config, upload.kind))
      throw new AppError('too_large', `the ${upload.kind} is too large`);
    const detected = await detectType(file);
    const changes: Partial<UploadRow> = { status: 'ready', mime: essence(detected.mime) };
    let stored = file;
    let thumbnail: string | undefined;
    if (upload.kind === 'image') {
      if (!isInlineImage(detected.mime)) {
        throw new AppError(
          'unsupported_media_type',
          detected.mime === 'image/svg+xml'
            ? 'SVG images are sent as files, never shown inline'
            : 'that is not an image Parley can show (JPEG, PNG, GIF, WebP, AVIF)',
        );
      }
      const processed = await processImage(file, services.paths.work, {
        maxPixels: config.imageMaxPixels,
        thumbnailSize,
      });
      made.push(processed.image.path, processed.thumbnail.path);
      stored = processed.image.path;
      thumbnail = processed.thumbnail.path;
      Object.assign(changes, {
        mime: processed.image.mime,
        width: processed.image.width,
        height: processed.image.height,
        animated: processed.image.animated ? 1 : 0,
      });
    } else if (upload.kind === 'voice') {
      if (!isVoiceContainer(detected.mime)) {
        throw new AppError('unsupported_media_type', 'a voice message must be Opus audio in Ogg or WebM');
      }
      const voice = await probeVoice(file, config.voiceMaxSeconds * 1000);
      Object.assign(changes, { mime: voice.mime, duration_ms: voice.durationMs });
    }
    changes.size = (await stat(stored)).size;
    const ready = await services.blobLock.run(async () => {
      if (thumbnail) changes.thumb_sha = await storeBlob(services, thumbnail);
      changes.blob_sha = await storeBlob(services, stored);
      return updateUpload(services.store.db, upload.id, changes);
    });
    // Deleted while its last bytes were being checked (its owner cancelled): nothing to show.
    if (!ready) throw new AppError('not_found', 'the upload was cancelled');
    return ready;
  } catch (err) {
    await deleteUpload(services.store.db, upload.id);
    throw err;
  } finally {
    const staged = services.staging
      .remove(upload.id)
      .catch((err: unknown) =>
        services.log.warn({ err, upload: upload.id }, 'could not remove a partial upload'),
      );
    await Promise.all([staged, ...made.map((f) => rm(f, { force: true }))]);
  }
}
