import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import { AppError } from '../errors.ts';

export interface ImageVariant {
  path: string;
  mime: string;
  width: number;
  height: number;
  size: number;
}
export interface ProcessedImage {
  image: ImageVariant & { animated: boolean };
  thumbnail: ImageVariant;
}
export interface ImageOptions {
  maxPixels: number;
  thumbnailSize: number;
}

/** What the header says, before any pixel is decoded. `height` is one frame's. */
export interface ImageHeader {
  format: 'jpeg' | 'png' | 'gif' | 'webp' | 'heif' | 'tiff';
  width: number;
  height: number;
  pages: number;
  hasAlpha: boolean;
}

/** The formats Parley re-encodes. sharp also reads SVG, PDF and more; those are refused. */
const acceptedFormats = new Set<string>(['jpeg', 'png', 'gif', 'webp', 'heif', 'tiff']);

/**
 * Decodes and re-encodes an uploaded image so that what Parley serves is pixels it produced:
 * EXIF orientation applied, every piece of metadata (GPS, camera, XMP, ICC) gone, animations kept.
 * A small file can claim enormous dimensions, so the header is checked before any decoding.
 */
export async function processImage(
  input: string,
  outDir: string,
  options: ImageOptions,
): Promise<ProcessedImage> {
  const header = await readImageHeader(input, options.maxPixels);
  const animated = header.pages > 1 && (header.format === 'gif' || header.format === 'webp');
  const written: string[] = [];
  try {
    const decoded = sharp(input, { ...decodeOptions(options.maxPixels, animated), animated });
    // autoOrient on a multi-frame image would turn the whole strip of frames; GIFs have no EXIF.
    const [encoded, ext] = encodeAs(animated ? decoded : decoded.autoOrient(), header);
    const image = await writeVariant(encoded, ext, outDir, written);
    // The thumbnail is made from our output: already oriented, bounded and clean; first frame only.
    const thumbnail = await writeVariant(
      sharp(image.path, decodeOptions(options.maxPixels, false))
        .resize(options.thumbnailSize, options.thumbnailSize, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 }),
      'webp',
      outDir,
      written,
    );
    return { image: { ...image, animated }, thumbnail };
  } catch (error) {
    await removeAll(written);
    throw asRefusal(error);
  }
}

/** JPEG, PNG, WebP and GIF keep their format; AVIF, HEIC and TIFF become PNG with alpha, else JPEG. */
function encodeAs(image: Sharp, header: ImageHeader): [Sharp, string] {
  const jpeg = (): [Sharp, string] => [image.jpeg({ mozjpeg: true, quality: 85 }), 'jpg'];
  switch (header.format) {
    case 'jpeg':
      return jpeg();
    case 'png':
      return [image.png(), 'png'];
    case 'webp':
      return [image.webp({ quality: 85 }), 'webp'];
    case 'gif':
      return [image.gif(), 'gif'];
    default:
      return header.hasAlpha ? [image.png(), 'png'] : jpeg();
  }
}

/**
 * Reads only the header and refuses what Parley will not decode: not an image, a format it does
 * not re-encode, or more than `maxPixels` in a frame (or, for animations, more than four times
 * that over all frames). This is the decompression-bomb guard: a 20000×20000 PNG of one colour
 * is a few kilobytes on disk and over a gigabyte in memory.
 */
export async function readImageHeader(input: string, maxPixels: number): Promise<ImageHeader> {
  let metadata: Metadata;
  try {
    // No pixel limit here: the header is all that is read, and the check below says why it refuses.
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw asRefusal(error);
  }
  const { format, width, height, hasAlpha } = metadata;
  if (!acceptedFormats.has(format) || !(width > 0) || !(height > 0)) {
    throw new AppError('unsupported_media_type', `the file is not an image Parley can show (${format})`);
  }
  const pages = metadata.pages ?? 1;
  if (width * height > maxPixels || (pages > 1 && width * height * pages > 4 * maxPixels)) {
    throw new AppError('too_large', `an image may have at most ${maxPixels} pixels`);
  }
  return { format: format as ImageHeader['format'], width, height, pages, hasAlpha };
}

/**
 * sharp's own pixel limit backs up the header check. failOn 'error' refuses broken and truncated
 * images but lets through the harmless libjpeg warnings many phone cameras trigger.
 */
export function decodeOptions(maxPixels: number, animated: boolean): SharpOptions {
  return { limitInputPixels: animated ? 4 * maxPixels : maxPixels, failOn: 'error' };
}

/** Writes `image` to a new randomly named file in `outDir`; sharp strips all metadata by default. */
export async function writeVariant(
  image: Sharp,
  ext: string,
  outDir: string,
  written: string[],
): Promise<ImageVariant> {
  const file = path.join(outDir, `${randomUUID()}.${ext}`);
  written.push(file);
  const info = await image.toFile(file);
  return {
    path: file,
    mime: `image/${info.format}`,
    width: info.width,
    height: info.pageHeight ?? info.height,
    size: info.size,
  };
}

export async function removeAll(files: string[]): Promise<void> {
  await Promise.all(files.map((file) => rm(file, { force: true })));
}

/**
 * sharp reports undecodable input with plain Errors; those become 415, its pixel limit 413.
 * Node's own errors (a missing file, a full disk) carry a `code` and stay what they are.
 */
export function asRefusal(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof Error) || 'code' in error) return error;
  if (/pixel limit/i.test(error.message)) return new AppError('too_large', 'the image has too many pixels');
  return new AppError('unsupported_media_type', 'the file is not an image Parley can decode');
}
