import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import {
  type ImageVariant,
  asRefusal,
  decodeOptions,
  readImageHeader,
  removeAll,
  writeVariant,
} from './images.ts';

export type StickerImage = ImageVariant & { animated: boolean };

/** Longest side of a sticker; custom emoji are made smaller (`size`). */
export const stickerSize = 512;

/**
 * Makes a sticker (or a custom emoji, with a smaller `size`) from an uploaded image: a WebP that
 * fits in size×size, never enlarged, animations kept, every piece of metadata gone. The input
 * is an upload's stored image, already re-encoded by processImage; the header check is still
 * done here, so nothing else this is ever handed can be a decompression bomb.
 */
export async function makeSticker(
  input: string,
  outDir: string,
  { maxPixels, size = stickerSize }: { maxPixels: number; size?: number },
): Promise<StickerImage> {
  const header = await readImageHeader(input, maxPixels);
  const animated = header.pages > 1 && (header.format === 'gif' || header.format === 'webp');
  const written: string[] = [];
  try {
    const decoded = sharp(input, { ...decodeOptions(maxPixels, animated), animated });
    const image = await writeVariant(
      (animated ? decoded : decoded.autoOrient())
        .resize(size, size, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 85, effort: 4 }),
      'webp',
      outDir,
      written,
    );
    return { ...image, animated };
  } catch (error) {
    await removeAll(written);
    throw asRefusal(error);
  }
}

/**
 * Renders one of Parley's own SVG stickers (assets/stickers) to a size×size WebP, in memory.
 * Only for those files: SVGs from users are never rendered (finishUpload refuses them as images).
 */
export async function renderSvgSticker(
  svgFile: string,
  size: number,
): Promise<Omit<StickerImage, 'path' | 'size'> & { bytes: Buffer }> {
  const svg = await readFile(svgFile);
  const { width = size } = await sharp(svg).metadata();
  // Rasterised at the target size (density scales the SVG's own size), not scaled up from 72 dpi.
  const { data, info } = await sharp(svg, { density: (72 * size) / width })
    .resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .webp({ quality: 90, alphaQuality: 100 })
    .toBuffer({ resolveWithObject: true });
  return { bytes: data, mime: 'image/webp', width: info.width, height: info.height, animated: false };
}
