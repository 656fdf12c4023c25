/**
 * Writes the real sizes into a MediaRecorder WebM. Browsers record WebM as a live stream: the
 * Segment and each Cluster say "size unknown" (an 8-byte vint of all ones). The server's voice
 * probe (music-metadata) cannot read such files, so before uploading, each unknown size is
 * replaced in place by the element's actual length — same byte count, nothing else changes.
 */
const segmentId = 0x18538067;
const clusterId = 0x1f43b675;

/** An EBML variable-length integer at `at`: its length in bytes and value (null: all ones, "unknown"). */
function vint(
  bytes: Uint8Array,
  at: number,
  keepMarker: boolean,
): { length: number; value: number | null } | null {
  const first = bytes[at];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (at + length > bytes.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = (first & (0xff >> length)) === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = bytes[at + i]!;
    value = value * 256 + byte;
    if (byte !== 0xff) allOnes = false;
  }
  return { length, value: allOnes && !keepMarker ? null : value };
}

/** Encodes `size` as an 8-byte vint (0x01 then 7 bytes), the width MediaRecorder reserved. */
function writeSize8(bytes: Uint8Array, at: number, size: number): void {
  bytes[at] = 0x01;
  for (let i = 7; i >= 1; i--) {
    bytes[at + i] = size % 256;
    size = Math.floor(size / 256);
  }
}

/** A copy of `input` with known sizes; the input itself when it is not such a WebM. */
export function fixWebmSizes(input: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const bytes = input.slice();
  let at = 0;
  /** Unknown-size Clusters wait here until the next Cluster (or the end) says where they stop. */
  let openCluster: { sizeAt: number; dataAt: number } | null = null;
  const close = (end: number) => {
    if (openCluster) writeSize8(bytes, openCluster.sizeAt, end - openCluster.dataAt);
    openCluster = null;
  };
  while (at < bytes.length) {
    const id = vint(bytes, at, true);
    if (!id) return input;
    const size = vint(bytes, at + id.length, false);
    if (!size) return input;
    const sizeAt = at + id.length;
    const dataAt = sizeAt + size.length;
    if (id.value === segmentId) {
      if (size.value === null) {
        if (size.length !== 8) return input;
        writeSize8(bytes, sizeAt, bytes.length - dataAt);
      }
      at = dataAt; // walk its children
      continue;
    }
    if (id.value === clusterId) {
      close(at);
      if (size.value === null) {
        if (size.length !== 8) return input;
        openCluster = { sizeAt, dataAt };
        at = dataAt; // the blocks inside are skipped one by one below
        continue;
      }
    }
    if (size.value === null) return input; // some other unknown-size element: leave the file as it is
    at = dataAt + size.value;
  }
  close(bytes.length);
  return bytes;
}
