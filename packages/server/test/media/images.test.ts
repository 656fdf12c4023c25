import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { processImage } from '../../src/media/images.ts';
import {
  exifIfd0Tags,
  fixture,
  gpsPointerTag,
  phoneExif,
  useWorkDir,
  writeAnimation,
  writePhotoJpeg,
  writePicture,
  writePngBomb,
  writeTruncatedJpeg,
} from './support.ts';

const options = { maxPixels: 40_000_000, thumbnailSize: 200 };

describe('processImage', () => {
  const { inTemp, out } = useWorkDir();

  it('turns a phone photo upright and strips its EXIF, GPS included', async () => {
    const photo = await writePhotoJpeg(inTemp('photo.jpg'), 40, 20, 6);
    const before = await sharp(photo).metadata();
    expect(before.orientation).toBe(6);
    expect(exifIfd0Tags(before.exif!)).toContain(gpsPointerTag);

    const { image } = await processImage(photo, out(), options);

    const after = await sharp(image.path).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect([after.width, after.height]).toEqual([20, 40]);
    expect(image).toMatchObject({ mime: 'image/jpeg', width: 20, height: 40, animated: false });
    expect(image.path.endsWith('.jpg')).toBe(true);
    expect(image.size).toBe(statSync(image.path).size);
  });

  it('strips EXIF from PNG and WebP too, keeping their format', async () => {
    for (const ext of ['png', 'webp'] as const) {
      const input = inTemp(`located.${ext}`);
      await sharp({ create: { width: 30, height: 30, channels: 3, background: 'red' } })
        .toFormat(ext)
        .withExif(phoneExif)
        .toFile(input);
      expect((await sharp(input).metadata()).exif).toBeDefined();

      const { image } = await processImage(input, out(), options);

      expect(image.mime).toBe(`image/${ext}`);
      expect((await sharp(image.path).metadata()).exif).toBeUndefined();
    }
  });

  it('writes new randomly named files into the output folder, never touching the input', async () => {
    const outDir = out();
    const first = await processImage(fixture('picture.png'), outDir, options);
    const second = await processImage(fixture('picture.png'), outDir, options);
    const names = [first.image, first.thumbnail, second.image, second.thumbnail].map((v) =>
      path.basename(v.path),
    );
    expect(new Set(names).size).toBe(4);
    expect(readdirSync(outDir).sort()).toEqual([...names].sort());
    expect(path.dirname(first.image.path)).toBe(outDir);
  });

  it('keeps an animated GIF animated, recording one frame’s size', async () => {
    const gif = await writeAnimation(inTemp('dance.gif'), 3, 30, 20);

    const { image, thumbnail } = await processImage(gif, out(), options);

    expect(image).toMatchObject({ mime: 'image/gif', width: 30, height: 20, animated: true });
    expect((await sharp(image.path).metadata()).pages).toBe(3);
    expect(thumbnail).toMatchObject({ mime: 'image/webp', width: 30, height: 20 });
    expect((await sharp(thumbnail.path).metadata()).pages ?? 1).toBe(1);
  });

  it('keeps an animated WebP an animated WebP', async () => {
    const webp = await writeAnimation(inTemp('dance.webp'), 4, 24, 16);

    const { image } = await processImage(webp, out(), options);

    expect(image).toMatchObject({ mime: 'image/webp', width: 24, height: 16, animated: true });
    expect((await sharp(image.path).metadata()).pages).toBe(4);
  });

  it('treats a one-frame GIF as a still GIF', async () => {
    const { image } = await processImage(fixture('picture.gif'), out(), options);
    expect(image).toMatchObject({ mime: 'image/gif', width: 16, height: 12, animated: false });
  });

  it('turns AVIF and TIFF into JPEG, or PNG when they have transparency', async () => {
    const cases = [
      ['opaque.avif', false, 'image/jpeg'],
      ['clear.avif', true, 'image/png'],
      ['scan.tiff', false, 'image/jpeg'],
      ['clear.tiff', true, 'image/png'],
    ] as const;
    for (const [name, alpha, mime] of cases) {
      const { image } = await processImage(await writePicture(inTemp(name), 32, 24, alpha), out(), options);
      expect({ name, mime: image.mime, width: image.width, height: image.height }).toEqual({
        name,
        mime,
        width: 32,
        height: 24,
      });
    }
  });

  it('makes a WebP thumbnail that fits the box and is never enlarged', async () => {
    const wide = await writePicture(inTemp('wide.png'), 1000, 500);
    const tall = await writePicture(inTemp('tall.jpg'), 300, 900);

    const fromWide = await processImage(wide, out(), options);
    const fromTall = await processImage(tall, out(), options);
    const fromSmall = await processImage(fixture('picture.jpg'), out(), options);

    expect(fromWide.thumbnail).toMatchObject({ mime: 'image/webp', width: 200, height: 100 });
    expect(fromTall.thumbnail).toMatchObject({ width: 67, height: 200 });
    expect(fromSmall.thumbnail).toMatchObject({ width: 16, height: 12 });
    const metadata = await sharp(fromWide.thumbnail.path).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['webp', 200, 100]);
    expect(fromWide.thumbnail.path.endsWith('.webp')).toBe(true);
  });

  it('refuses a decompression bomb from its header, quickly and without decoding it', async () => {
    // 20000×20000 = 400 megapixels in a file of some 50 KB.
    const bomb = await writePngBomb(inTemp('bomb.png'), 20_000, 20_000);
    expect(statSync(bomb).size).toBeLessThan(200_000);
    const outDir = out();
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();

    await expect(processImage(bomb, outDir, options)).rejects.toMatchObject({
      code: 'too_large',
      message: 'an image may have at most 40000000 pixels',
    });

    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('refuses a file whose header claims more pixels than it holds', async () => {
    const liar = await writePngBomb(inTemp('liar.png'), 60_000, 60_000, true);
    await expect(processImage(liar, out(), options)).rejects.toMatchObject({ code: 'too_large' });
  });

  it('refuses an animation whose frames together pass four times the pixel limit', async () => {
    const small = { maxPixels: 100, thumbnailSize: 8 };
    const fourFrames = await writeAnimation(inTemp('four.gif'), 4, 10, 10);
    const fiveFrames = await writeAnimation(inTemp('five.gif'), 5, 10, 10);

    expect((await processImage(fourFrames, out(), small)).image.animated).toBe(true);
    await expect(processImage(fiveFrames, out(), small)).rejects.toMatchObject({ code: 'too_large' });
  });

  it('refuses a single frame over the pixel limit', async () => {
    const picture = await writePicture(inTemp('big.png'), 101, 100);
    await expect(processImage(picture, out(), { maxPixels: 10_000, thumbnailSize: 8 })).rejects.toMatchObject(
      {
        code: 'too_large',
      },
    );
  });

  it('refuses truncated images and files that are no image, leaving nothing behind', async () => {
    const truncated = await writeTruncatedJpeg(inTemp('cut.jpg'), 0.6);
    const outDir = out();
    for (const input of [truncated, fixture('random.bin'), fixture('notes.txt'), fixture('voice-2s.ogg')]) {
      await expect(processImage(input, outDir, options), input).rejects.toMatchObject({
        code: 'unsupported_media_type',
      });
    }
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('refuses SVG and PDF, which sharp could render but Parley never shows inline', async () => {
    for (const input of [fixture('drawing.svg'), fixture('document.pdf')]) {
      await expect(processImage(input, out(), options), input).rejects.toMatchObject({
        code: 'unsupported_media_type',
      });
    }
  });

  it('accepts the intact version of the JPEG that is refused when cut short', async () => {
    const whole = await writeTruncatedJpeg(inTemp('whole.jpg'), 1);
    const { image } = await processImage(whole, out(), options);
    expect(image).toMatchObject({ width: 200, height: 200 });
  });
});
