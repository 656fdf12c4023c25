import sharp from 'sharp';
import {
  type ImageVariant,
  asRefusal,
  decodeOptions,
  readImageHeader,
  removeAll,
  writeVariant,
} from './images.ts';

export interface Avatar {
  large: ImageVariant;
  small: ImageVariant;
}

const largeSize = 256;
const smallSize = 64;

/**
 * Square-crops an uploaded picture around its most interesting region and writes 256 and 64 px
 * WebP squares: first frame only, oriented, metadata stripped. Same refusals as processImage.
 */
export async function makeAvatar(
  input: string,
  outDir: string,
  options: { maxPixels: number },
): Promise<Avatar> {
  await readImageHeader(input, options.maxPixels);
  const written: string[] = [];
  try {
    const large = await writeVariant(
      sharp(input, decodeOptions(options.maxPixels, false))
        .autoOrient()
        .resize(largeSize, largeSize, { fit: 'cover', position: 'attention' })
        .webp({ quality: 85 }),
      'webp',
      outDir,
      written,
    );
    const small = await writeVariant(
      sharp(large.path).resize(smallSize, smallSize).webp({ quality: 85 }),
      'webp',
      outDir,
      written,
    );
    return { large, small };
  } catch (error) {
    await removeAll(written);
    throw asRefusal(error);
  }
}
