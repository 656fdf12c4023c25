import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectType, isInlineImage, isVoiceContainer } from '../../src/media/detect.ts';
import { fixture, useTempDir } from './support.ts';

describe('detectType', () => {
  const dir = useTempDir();
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir(), name);
    writeFileSync(file, content);
    return file;
  };

  it.each([
    ['picture.png', 'image/png', 'png'],
    ['picture.jpg', 'image/jpeg', 'jpg'],
    ['picture.gif', 'image/gif', 'gif'],
    ['picture.webp', 'image/webp', 'webp'],
    ['document.pdf', 'application/pdf', 'pdf'],
    ['voice-2s.ogg', 'audio/ogg; codecs=opus', 'opus'],
    ['voice-2s.webm', 'video/webm', 'webm'],
    ['voice-2s-mediarecorder.webm', 'video/webm', 'webm'],
    ['tone-1s.mp3', 'audio/mpeg', 'mp3'],
    ['drawing.svg', 'image/svg+xml', 'svg'],
    ['notes.txt', 'text/plain', 'txt'],
    ['random.bin', 'application/octet-stream', 'bin'],
  ])('reads %s as %s from its bytes', async (name, mime, ext) => {
    expect(await detectType(fixture(name))).toEqual({ mime, ext });
  });

  it('believes the bytes, not the name: a PNG called .pdf or .txt is a PNG', async () => {
    expect(await detectType(fixture('picture-named.pdf'))).toEqual({ mime: 'image/png', ext: 'png' });
    expect(await detectType(fixture('picture-named.txt'))).toEqual({ mime: 'image/png', ext: 'png' });
  });

  it('recognises SVG behind a BOM, whitespace, comments and a doctype', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const variants = [
      `\uFEFF  \n${svg}`,
      `<?xml version="1.0"?>\n<!-- made by alice -->\n<!-- twice -->${svg}`,
      `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n${svg}`,
      `<!DOCTYPE svg [ <!ENTITY a "<b>"> ]><SVG>`,
    ];
    for (const [i, text] of variants.entries()) {
      expect(await detectType(write(`drawing-${i}.txt`, text))).toEqual({
        mime: 'image/svg+xml',
        ext: 'svg',
      });
    }
  });

  it('does not call other XML or HTML SVG', async () => {
    expect((await detectType(write('page.html', '<html><body><svg></svg></body></html>'))).mime).toBe(
      'text/plain',
    );
    expect((await detectType(write('feed.xml', '<?xml version="1.0"?><svgfeed/>'))).mime).not.toBe(
      'image/svg+xml',
    );
  });

  it('answers at once for a head of 4 KiB of whitespace and unclosed comments', async () => {
    const started = performance.now();
    await detectType(write('spaces.txt', ' '.repeat(4000) + '<!--'.repeat(20)));
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('calls text with a NUL byte, invalid UTF-8 or nothing at all octet-stream', async () => {
    const octet = { mime: 'application/octet-stream', ext: 'bin' };
    expect(await detectType(write('nul.txt', 'hello\0world'))).toEqual(octet);
    expect(await detectType(write('latin1.txt', Buffer.from('caf\xe9 cr\xe8me', 'latin1')))).toEqual(octet);
    expect(await detectType(write('empty.txt', ''))).toEqual(octet);
  });

  it('accepts UTF-8 text whose 4 KiB head ends inside a character', async () => {
    // 4095 ASCII bytes, then 'é' (2 bytes) straddles the 4 KiB boundary.
    expect(await detectType(write('long.txt', 'a'.repeat(4095) + 'é and more'))).toEqual({
      mime: 'text/plain',
      ext: 'txt',
    });
  });
});

describe('isInlineImage', () => {
  it('shows the raster formats Parley re-encodes', () => {
    for (const mime of ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif']) {
      expect(isInlineImage(mime)).toBe(true);
    }
  });

  it('never shows an SVG inline, nor anything that is not a raster image', () => {
    for (const mime of [
      'image/svg+xml',
      'application/pdf',
      'text/plain',
      'image/tiff',
      'application/octet-stream',
    ]) {
      expect(isInlineImage(mime)).toBe(false);
    }
  });
});

describe('isVoiceContainer', () => {
  it('accepts Ogg and WebM, including WebM reported as video and MIME parameters', () => {
    for (const mime of ['audio/ogg', 'audio/ogg; codecs=opus', 'audio/webm', 'video/webm', 'audio/opus']) {
      expect(isVoiceContainer(mime)).toBe(true);
    }
  });

  it('refuses other audio and everything else', () => {
    for (const mime of ['audio/mpeg', 'audio/mp4', 'video/mp4', 'image/png', 'application/octet-stream']) {
      expect(isVoiceContainer(mime)).toBe(false);
    }
  });
});
