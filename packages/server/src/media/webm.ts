import { type FileHandle, open } from 'node:fs/promises';

/**
 * What a voice probe needs to know about a WebM file, read by walking its elements ourselves.
 *
 * Why not a library: browsers' MediaRecorder writes WebM as a live stream, with the Segment and
 * every Cluster of "unknown size" (an 8-byte size of all ones, 0x01FFFFFFFFFFFFFF) and no
 * Duration. music-metadata 11 takes that size as a length and fails on the first Cluster (its
 * 12.x needs Node 22); node-ebml (and ts-ebml on top of it) buffers the whole input and never
 * closes an unknown-size element. Walking the elements flat needs no end for them: a Cluster
 * simply lasts until the next Cluster (or anything else at Segment level) begins, because its
 * children are read one by one and every other element is skipped by its size.
 */
export interface WebmInfo {
  /** The EBML header's DocType: `webm` (or `matroska`, …). */
  docType: string;
  tracks: WebmTrack[];
  /** Per track number, where its blocks start and end, in ms; tracks without blocks are absent. */
  spans: Map<number, { startMs: number; endMs: number }>;
}

export interface WebmTrack {
  number: number;
  /** Matroska TrackType: 1 video, 2 audio, 17 subtitle, … */
  type: number;
  /** CodecID, e.g. `A_OPUS`. */
  codec: string;
}

/** Matroska element ids (https://www.matroska.org/technical/elements.html). */
const ids = {
  ebml: 0x1a45dfa3,
  docType: 0x4282,
  segment: 0x18538067,
  info: 0x1549a966,
  timestampScale: 0x2ad7b1,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackNumber: 0xd7,
  trackType: 0x83,
  codecId: 0x86,
  cluster: 0x1f43b675,
  clusterTimestamp: 0xe7,
  blockGroup: 0xa0,
  block: 0xa1,
  simpleBlock: 0xa3,
};
/** Elements whose children are walked; only these may have an unknown size. */
const entered = new Set([
  ids.ebml,
  ids.segment,
  ids.info,
  ids.tracks,
  ids.trackEntry,
  ids.cluster,
  ids.blockGroup,
]);
/** The most bytes read of a small value (DocType, CodecID, an integer) or of a block's start. */
const valueBytesMax = 64;

/**
 * Reads a WebM's DocType, tracks and block timestamps. Undefined when the file does not start
 * with an EBML header. A block's end is its start plus its packet's length from the Opus TOC
 * byte (WebM voice is Opus; for other codecs the end is a guess, but the voice probe refuses
 * them). The walk stops early at an unknown-size element it cannot enter (the spec allows
 * those only for containers) or at bytes that are no element; what was read so far counts.
 */
export async function readWebm(input: string): Promise<WebmInfo | undefined> {
  const file = await open(input, 'r');
  try {
    const reader = new ChunkReader(file, (await file.stat()).size);
    const first = readVint(await reader.bytes(0, 4), 0, true);
    if (first?.value !== ids.ebml) return undefined;
    const info: WebmInfo = { docType: '', tracks: [], spans: new Map() };
    let scaleNs = 1_000_000;
    let clusterTicks = 0;
    const ticks = new Map<number, { start: number; endNs: number }>();
    let at = 0;
    while (at < reader.size) {
      const head = await reader.bytes(at, 12);
      const id = readVint(head, 0, true);
      const size = id && readVint(head, id.length, false);
      if (!id || !size) break;
      const data = at + id.length + size.length;
      if (entered.has(id.value)) {
        if (id.value === ids.trackEntry) info.tracks.push({ number: 0, type: 0, codec: '' });
        at = data;
        continue;
      }
      if (size.unknown) break;
      const value = () => reader.bytes(data, Math.min(size.value, valueBytesMax));
      const track = info.tracks.at(-1);
      switch (id.value) {
        case ids.docType:
          info.docType = readString(await value());
          break;
        case ids.timestampScale:
          scaleNs = readUint(await value()) || scaleNs;
          break;
        case ids.trackNumber:
          if (track) track.number = readUint(await value());
          break;
        case ids.trackType:
          if (track) track.type = readUint(await value());
          break;
        case ids.codecId:
          if (track) track.codec = readString(await value());
          break;
        case ids.clusterTimestamp:
          clusterTicks = readUint(await value());
          break;
        case ids.simpleBlock:
        case ids.block: {
          const block = readBlock(await value());
          if (!block) break;
          const start = clusterTicks + block.offsetTicks;
          const seen = ticks.get(block.track);
          const endNs = start * scaleNs + block.lengthMs * 1e6;
          ticks.set(block.track, {
            start: Math.min(seen?.start ?? start, start),
            endNs: Math.max(seen?.endNs ?? endNs, endNs),
          });
          break;
        }
      }
      at = data + size.value;
    }
    for (const [track, { start, endNs }] of ticks) {
      info.spans.set(track, { startMs: (start * scaleNs) / 1e6, endMs: endNs / 1e6 });
    }
    return info;
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

/**
 * An EBML variable-length integer; ids keep their length marker, sizes drop it. A size whose
 * value bits are all ones is "unknown" (RFC 8794 §6.2) — at any width, so `0xFF` is one too.
 */
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

/** An EBML string: ASCII, maybe padded with NULs. */
function readString(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/\0.*$/s, '');
}

/** A (Simple)Block: track number, signed 16-bit offset from the cluster, flags, then the packet. */
function readBlock(bytes: Buffer): { track: number; offsetTicks: number; lengthMs: number } | undefined {
  const track = readVint(bytes, 0, false);
  if (!track || bytes.length < track.length + 4) return undefined;
  const offsetTicks = bytes.readInt16BE(track.length);
  const lacing = (bytes[track.length + 2]! >> 1) & 3;
  // Browsers and ffmpeg never lace Opus; a laced block counts its frames at Opus's usual 20 ms.
  const lengthMs =
    lacing !== 0 ? ((bytes[track.length + 3] ?? 0) + 1) * 20 : opusPacketMs(bytes.subarray(track.length + 3));
  return { track: track.value, offsetTicks, lengthMs };
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
