import { type FileHandle, open } from 'node:fs/promises';
import { parseFile } from 'music-metadata';
import { AppError } from '../errors.ts';

export interface VoiceInfo {
  durationMs: number;
  mime: 'audio/ogg' | 'audio/webm';
}

const notOpus = () =>
  new AppError('unsupported_media_type', 'a voice message must be Opus audio in Ogg or WebM');

/**
 * Reads the duration of an Opus voice clip in Ogg or WebM. Ogg: music-metadata reads the last
 * page's granule position. WebM: browsers' MediaRecorder writes no duration in the header (it is
 * a live stream) and music-metadata does not look inside clusters, so the length is read from the
 * blocks themselves (webmDurationMs); a header duration is only the writer's claim, so it is used
 * only when there are no blocks to read.
 */
export async function probeVoice(input: string, maxDurationMs: number): Promise<VoiceInfo> {
  let format;
  try {
    ({ format } = await parseFile(input, { duration: true, skipCovers: true }));
  } catch {
    throw notOpus();
  }
  const mime =
    format.container === 'Ogg' ? 'audio/ogg' : format.container === 'EBML/webm' ? 'audio/webm' : null;
  if (mime === null || format.codec?.toLowerCase() !== 'opus' || format.hasVideo) throw notOpus();
  const headerMs = format.duration === undefined ? undefined : format.duration * 1000;
  const durationMs = Math.round(
    (mime === 'audio/webm' ? await webmDurationMs(input) : undefined) ?? headerMs ?? 0,
  );
  if (!(durationMs > 0))
    throw new AppError('unsupported_media_type', 'the voice message has no readable duration');
  if (durationMs > maxDurationMs) {
    throw new AppError(
      'too_large',
      `a voice message lasts at most ${Math.floor(maxDurationMs / 1000)} seconds`,
    );
  }
  return { durationMs, mime };
}

// Matroska element ids (https://www.matroska.org/technical/elements.html).
const ids = {
  segment: 0x18538067,
  info: 0x1549a966,
  timestampScale: 0x2ad7b1,
  cluster: 0x1f43b675,
  clusterTimestamp: 0xe7,
  blockGroup: 0xa0,
  block: 0xa1,
  simpleBlock: 0xa3,
};
/** Elements whose children are walked; their size may be "unknown" (live streams). */
const entered = new Set([ids.segment, ids.info, ids.cluster, ids.blockGroup]);

/**
 * The end of the last Opus block in a WebM file, in ms: cluster timestamp + block offset + the
 * packet's own length (from its TOC byte). Walks elements flat and streamed, so unknown-size
 * Segments and Clusters (MediaRecorder's) need no bookkeeping. Undefined when no block is found.
 */
export async function webmDurationMs(input: string): Promise<number | undefined> {
  const file = await open(input, 'r');
  try {
    const reader = new ChunkReader(file, (await file.stat()).size);
    let scaleNs = 1_000_000;
    let clusterTicks = 0;
    let endNs: number | undefined;
    let at = 0;
    while (at < reader.size) {
      const head = await reader.bytes(at, 12);
      const id = readVint(head, 0, true);
      const size = id && readVint(head, id.length, false);
      if (!id || !size) break;
      const data = at + id.length + size.length;
      if (entered.has(id.value)) {
        at = data;
        continue;
      }
      if (size.unknown) break;
      if (id.value === ids.timestampScale) scaleNs = readUint(await reader.bytes(data, size.value));
      if (id.value === ids.clusterTimestamp) clusterTicks = readUint(await reader.bytes(data, size.value));
      if (id.value === ids.simpleBlock || id.value === ids.block) {
        const block = readBlock(await reader.bytes(data, Math.min(size.value, 32)));
        if (block)
          endNs = Math.max(endNs ?? 0, (clusterTicks + block.offsetTicks) * scaleNs + block.lengthMs * 1e6);
      }
      at = data + size.value;
    }
    return endNs === undefined ? undefined : endNs / 1e6;
  } finally {
    await file.close();
  }
}

/** Reads a file forward in 64 KiB chunks; `bytes` may return fewer bytes at the end. */
class ChunkReader {
  private chunk = Buffer.alloc(0);
  private chunkAt = 0;
  constructor(
    private readonly file: FileHandle,
    readonly size: number,
  ) {}
  async bytes(at: number, length: number): Promise<Buffer> {
    if (at < this.chunkAt || at + length > this.chunkAt + this.chunk.length) {
      const buffer = Buffer.alloc(Math.max(length, 64 * 1024));
      const { bytesRead } = await this.file.read(buffer, 0, buffer.length, at);
      this.chunk = buffer.subarray(0, bytesRead);
      this.chunkAt = at;
    }
    return this.chunk.subarray(at - this.chunkAt, at - this.chunkAt + length);
  }
}

/** An EBML variable-length integer; ids keep their length marker, sizes drop it. */
function readVint(bytes: Buffer, at: number, isId: boolean) {
  const first = bytes[at];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23;
  if ((isId && length > 4) || at + length > bytes.length) return undefined;
  let value = isId ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + bytes[at + i]!;
    allOnes &&= bytes[at + i] === 0xff;
  }
  return { value, length, unknown: !isId && allOnes };
}

function readUint(bytes: Buffer): number {
  return bytes.reduce((value, byte) => value * 256 + byte, 0);
}

/** A (Simple)Block: track number, signed 16-bit offset from the cluster, flags, then the packet. */
function readBlock(bytes: Buffer): { offsetTicks: number; lengthMs: number } | undefined {
  const track = readVint(bytes, 0, false);
  if (!track || bytes.length < track.length + 4) return undefined;
  const offsetTicks = bytes.readInt16BE(track.length);
  const lacing = (bytes[track.length + 2]! >> 1) & 3;
  // Browsers and ffmpeg never lace Opus; a laced block counts its frames at Opus's usual 20 ms.
  if (lacing !== 0) return { offsetTicks, lengthMs: ((bytes[track.length + 3] ?? 0) + 1) * 20 };
  return { offsetTicks, lengthMs: opusPacketMs(bytes.subarray(track.length + 3)) };
}

/** The length of one Opus packet from its TOC byte (RFC 6716 §3.1). */
function opusPacketMs(packet: Buffer): number {
  const toc = packet[0];
  if (toc === undefined) return 0;
  const config = toc >> 3;
  const frameMs =
    config < 12
      ? [10, 20, 40, 60][config % 4]!
      : config < 16
        ? [10, 20][config % 2]!
        : [2.5, 5, 10, 20][config % 4]!;
  const code = toc & 3;
  const frames = code === 0 ? 1 : code < 3 ? 2 : (packet[1] ?? 0) & 0x3f;
  return frameMs * frames;
}
