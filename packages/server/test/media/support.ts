import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, createDeflate } from 'node:zlib';
import sharp from 'sharp';
import { afterEach, beforeEach } from 'vitest';

const fixtures = fileURLToPath(new URL('../fixtures/media/', import.meta.url));

/** A committed fixture (see test/fixtures/media/README.md). */
export const fixture = (name: string) => path.join(fixtures, name);

/** A fresh temporary directory for each test, removed after it; call at the top of a describe. */
export function useTempDir(): () => string {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'parley-media-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

/**
 * useTempDir for functions that read a file and write their results into a folder: `inTemp`
 * names a file in this test's directory, `out` makes (once) and returns its output folder.
 */
export function useWorkDir(): { inTemp(name: string): string; out(): string } {
  const dir = useTempDir();
  const inTemp = (name: string) => path.join(dir(), name);
  return {
    inTemp,
    out() {
      const outDir = inTemp('out');
      mkdirSync(outDir, { recursive: true });
      return outDir;
    },
  };
}

/** EXIF as a phone writes it: camera, orientation and where the picture was taken. */
export const phoneExif = {
  IFD0: { Make: 'Parley', Model: 'Test Phone' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '51/1 30/1 0/1',
    GPSLongitudeRef: 'W',
    GPSLongitude: '0/1 7/1 0/1',
  },
};

/** A JPEG of `width`×`height` stored pixels with phone EXIF (GPS) and the given Orientation. */
export async function writePhotoJpeg(
  file: string,
  width: number,
  height: number,
  orientation = 1,
): Promise<string> {
  await sharp({ create: { width, height, channels: 3, background: '#c0ffee' } })
    .jpeg()
    .withExif(phoneExif)
    .withMetadata({ orientation })
    .toFile(file);
  return file;
}

/** An animated GIF or WebP of `frames` differently coloured frames. */
export async function writeAnimation(
  file: string,
  frames: number,
  width: number,
  height: number,
): Promise<string> {
  const colours = Array.from({ length: frames }, (_, i) => ({
    r: (i * 70) % 256,
    g: 120,
    b: 255 - ((i * 70) % 256),
  }));
  const pngs = await Promise.all(
    colours.map((background) =>
      sharp({ create: { width, height, channels: 3, background } })
        .png()
        .toBuffer(),
    ),
  );
  const joined = sharp(pngs, { join: { animated: true } });
  await (file.endsWith('.webp') ? joined.webp() : joined.gif({ delay: 100, loop: 0 })).toFile(file);
  return file;
}

/** A still image of one colour in any format sharp writes (by extension). */
export async function writePicture(
  file: string,
  width: number,
  height: number,
  alpha = false,
): Promise<string> {
  const background = alpha ? { r: 10, g: 20, b: 30, alpha: 0.5 } : '#3a7bd5';
  const image = sharp({ create: { width, height, channels: alpha ? 4 : 3, background } });
  // sharp's TIFF default is JPEG compression, which has no alpha channel.
  await (file.endsWith('.tiff') ? image.tiff({ compression: 'lzw' }) : image).toFile(file);
  return file;
}

/** A JPEG of noise (so it has real scan data), cut off after `fraction` of its bytes. */
export async function writeTruncatedJpeg(file: string, fraction: number): Promise<string> {
  const width = 200;
  const height = 200;
  const noise = Buffer.from(Array.from({ length: width * height * 3 }, (_, i) => (i * 7919) % 251));
  const jpeg = await sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg()
    .toBuffer();
  writeFileSync(file, jpeg.subarray(0, Math.floor(jpeg.length * fraction)));
  return file;
}

/**
 * A decompression bomb: a real 1-bit greyscale PNG of `width`×`height` black pixels, a few
 * kilobytes on disk (zeros compress well) but width×height bytes once decoded. With `lie`, the
 * header claims the size but the pixel data is a token few bytes: a file that lies.
 */
export async function writePngBomb(
  file: string,
  width: number,
  height: number,
  lie = false,
): Promise<string> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter method, no interlace
  const rowBytes = 1 + Math.ceil(width / 8); // filter byte + packed pixels
  const pixels = await deflateZeros(lie ? rowBytes : rowBytes * height);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  writeFileSync(
    file,
    Buffer.concat([
      signature,
      pngChunk('IHDR', header),
      pngChunk('IDAT', pixels),
      pngChunk('IEND', Buffer.alloc(0)),
    ]),
  );
  return file;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Deflates `total` zero bytes a megabyte at a time, so making the bomb stays small too. */
async function deflateZeros(total: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const block = Buffer.alloc(1 << 20);
  for (let left = total; left > 0; left -= block.length) {
    if (!deflate.write(block.subarray(0, Math.min(left, block.length)))) await once(deflate, 'drain');
  }
  deflate.end();
  await once(deflate, 'end');
  return Buffer.concat(chunks);
}

/**
 * The tag numbers in an EXIF block's first directory (IFD0). 0x8825 points to the GPS
 * directory, 0x0112 is Orientation. Enough to tell that a fixture really carries a location.
 */
export function exifIfd0Tags(exif: Buffer): number[] {
  const tiff = exif.subarray(exif.indexOf('Exif\0\0', 0, 'latin1') + 6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  return Array.from({ length: u16(ifd) }, (_, i) => u16(ifd + 2 + i * 12));
}
export const gpsPointerTag = 0x8825;
