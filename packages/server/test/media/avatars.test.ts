import { readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeAvatar } from '../../src/media/avatars.ts';
import {
  exifIfd0Tags,
  fixture,
  gpsPointerTag,
  useWorkDir,
  writeAnimation,
  writePhotoJpeg,
  writePngBomb,
  writeTruncatedJpeg,
} from './support.ts';

const options = { maxPixels: 40_000_000 };

describe('makeAvatar', () => {
  const { inTemp, out } = useWorkDir();

  it('makes 256 and 64 pixel WebP squares from a wide photo, without its EXIF', async () => {
    const photo = await writePhotoJpeg(inTemp('alice.jpg'), 300, 200);
    expect(exifIfd0Tags((await sharp(photo).metadata()).exif!)).toContain(gpsPointerTag);

    const { large, small } = await makeAvatar(photo, out(), options);

    expect(large).toMatchObject({ mime: 'image/webp', width: 256, height: 256 });
    expect(small).toMatchObject({ mime: 'image/webp', width: 64, height: 64 });
    for (const variant of [large, small]) {
      const metadata = await sharp(variant.path).metadata();
      expect([metadata.format, metadata.width, metadata.height]).toEqual([
        'webp',
        variant.width,
        variant.height,
      ]);
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
    }
    expect(readdirSync(out()).sort()).toEqual([path.basename(large.path), path.basename(small.path)].sort());
  });

  it('squares a tall picture and a tiny one alike', async () => {
    const tall = await writePhotoJpeg(inTemp('bob.jpg'), 20, 40, 6);
    for (const input of [tall, fixture('picture.png')]) {
      const { large, small } = await makeAvatar(input, out(), options);
      expect([large.width, large.height, small.width, small.height]).toEqual([256, 256, 64, 64]);
    }
  });

  it('keeps only the first frame of an animated GIF', async () => {
    const gif = await writeAnimation(inTemp('carol.gif'), 3, 30, 20);

    const { large } = await makeAvatar(gif, out(), options);

    expect((await sharp(large.path).metadata()).pages ?? 1).toBe(1);
  });

  it('refuses a decompression bomb and anything that is not a decodable image', async () => {
    const bomb = await writePngBomb(inTemp('bomb.png'), 20_000, 20_000);
    await expect(makeAvatar(bomb, out(), options)).rejects.toMatchObject({ code: 'too_large' });
    const truncated = await writeTruncatedJpeg(inTemp('cut.jpg'), 0.6);
    for (const input of [truncated, fixture('drawing.svg'), fixture('random.bin')]) {
      await expect(makeAvatar(input, out(), options), input).rejects.toMatchObject({
        code: 'unsupported_media_type',
      });
    }
    expect(readdirSync(out())).toEqual([]);
  });
});
