import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseFile } from 'music-metadata';
import { describe, expect, it } from 'vitest';
import { probeVoice } from '../../src/media/voice.ts';
import { fixture, useTempDir } from './support.ts';

const oneMinute = 60_000;

describe('probeVoice', () => {
  const dir = useTempDir();

  it('reads the length and container of an Ogg Opus clip', async () => {
    expect(await probeVoice(fixture('voice-2s.ogg'), oneMinute)).toEqual({
      durationMs: 2000,
      mime: 'audio/ogg',
    });
  });

  it('reads the length of a WebM Opus clip from its blocks', async () => {
    const { durationMs, mime } = await probeVoice(fixture('voice-2s.webm'), oneMinute);
    expect(mime).toBe('audio/webm');
    expect(durationMs).toBeGreaterThanOrEqual(2000);
    expect(durationMs).toBeLessThan(2050);
  });

  it('reads the length of a MediaRecorder-style WebM that has no duration in its header', async () => {
    const file = fixture('voice-2s-mediarecorder.webm');
    // The fixture is what it claims: music-metadata finds no duration, even when asked to scan.
    expect((await parseFile(file, { duration: true })).format.duration).toBeUndefined();
    const segmentOfUnknownSize = Buffer.from('18538067' + '01ffffffffffffff', 'hex');
    expect(readFileSync(file).includes(segmentOfUnknownSize)).toBe(true);

    const { durationMs, mime } = await probeVoice(file, oneMinute);

    expect(mime).toBe('audio/webm');
    expect(durationMs).toBeGreaterThanOrEqual(2000);
    expect(durationMs).toBeLessThan(2050);
  });

  it('reads the length of a real Chromium MediaRecorder recording: Segment and Clusters of unknown size', async () => {
    const file = fixture('voice-chromium.webm');
    const hex = readFileSync(file).toString('hex');
    expect(hex).toContain('18538067' + '01ffffffffffffff'); // Segment, size unknown
    expect(hex.split('1f43b675' + '01ffffffffffffff').length - 1).toBeGreaterThan(1); // Clusters too
    // Why Parley reads WebM itself: music-metadata takes the unknown size as a length and fails.
    await expect(parseFile(file, { duration: true })).rejects.toThrow();

    // 1,980 ms is what Chromium decodes it to (record-chromium.mjs prints it).
    expect(await probeVoice(file, oneMinute)).toEqual({ durationMs: 1980, mime: 'audio/webm' });
  });

  it('refuses a WebM cut off after its headers, and one whose track is not Opus', async () => {
    const recorded = readFileSync(fixture('voice-chromium.webm'));
    const headersOnly = path.join(dir(), 'headers.webm');
    writeFileSync(headersOnly, recorded.subarray(0, recorded.indexOf(Buffer.from('1f43b675', 'hex'))));
    await expect(probeVoice(headersOnly, oneMinute)).rejects.toMatchObject({
      code: 'unsupported_media_type',
      message: 'the voice message has no readable duration',
    });

    const flac = path.join(dir(), 'flac.webm');
    const renamed = Buffer.from(recorded);
    renamed.write('A_FLAC', recorded.indexOf('A_OPUS'), 'latin1');
    writeFileSync(flac, renamed);
    await expect(probeVoice(flac, oneMinute)).rejects.toMatchObject({ code: 'unsupported_media_type' });
  });

  it('refuses EBML that is noise, whatever the sizes say', async () => {
    const recorded = readFileSync(fixture('voice-chromium.webm'));
    const inputs = {
      noise: Buffer.concat([recorded.subarray(0, 4), Buffer.alloc(600, 0xa5)]),
      'unknown sizes only': Buffer.concat([recorded.subarray(0, 4), Buffer.alloc(600, 0xff)]),
      'a header and then noise': Buffer.concat([recorded.subarray(0, 0x30), Buffer.alloc(600, 0x5a)]),
      'just the magic': recorded.subarray(0, 4),
    };
    for (const [name, bytes] of Object.entries(inputs)) {
      const input = path.join(dir(), 'noise.webm');
      writeFileSync(input, bytes);
      await expect(probeVoice(input, oneMinute), name).rejects.toMatchObject({
        code: 'unsupported_media_type',
      });
    }
  });

  it('trusts the blocks, not a WebM header that claims a shorter length', async () => {
    // Rewrite the 8-byte float Duration (id 0x4489) to 1 ms; the audio still lasts two seconds.
    const bytes = readFileSync(fixture('voice-2s.webm'));
    const at = bytes.indexOf(Buffer.from([0x44, 0x89, 0x88]));
    expect(at).toBeGreaterThan(0);
    bytes.writeDoubleBE(1, at + 3);
    const liar = path.join(dir(), 'liar.webm');
    writeFileSync(liar, bytes);
    expect((await parseFile(liar)).format.duration).toBeLessThan(0.01);

    expect((await probeVoice(liar, oneMinute)).durationMs).toBeGreaterThanOrEqual(2000);
  });

  it('refuses a clip longer than the limit, saying the limit', async () => {
    await expect(probeVoice(fixture('voice-65s.ogg'), oneMinute)).rejects.toMatchObject({
      code: 'too_large',
      message: 'a voice message lasts at most 60 seconds',
    });
    expect((await probeVoice(fixture('voice-65s.ogg'), 2 * oneMinute)).durationMs).toBe(65_000);
  });

  it('refuses audio that is not Opus, video, and files that are not audio', async () => {
    const inputs = [
      'vorbis-1s.ogg',
      'tone-1s.mp3',
      'video-opus.webm',
      'picture.png',
      'random.bin',
      'notes.txt',
    ];
    for (const name of inputs) {
      await expect(probeVoice(fixture(name), oneMinute), name).rejects.toMatchObject({
        code: 'unsupported_media_type',
      });
    }
  });

  it('does not trust the file name: a PNG called .ogg is refused', async () => {
    const renamed = path.join(dir(), 'voice.ogg');
    copyFileSync(fixture('picture.png'), renamed);
    await expect(probeVoice(renamed, oneMinute)).rejects.toMatchObject({ code: 'unsupported_media_type' });
  });

  it('refuses an Ogg Opus clip cut off after its headers', async () => {
    const cut = path.join(dir(), 'cut.ogg');
    writeFileSync(cut, readFileSync(fixture('voice-2s.ogg')).subarray(0, 200));
    await expect(probeVoice(cut, oneMinute)).rejects.toMatchObject({ code: 'unsupported_media_type' });
  });
});
