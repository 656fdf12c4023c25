import parseRange from 'range-parser';

/** What a GET with Range sends: the whole file, one part of it, or 416. */
export type ByteRange = 'whole' | 'unsatisfiable' | { start: number; end: number };

/**
 * The part of a `size`-byte file a Range header asks for (RFC 9110 §14.2), parsed by
 * range-parser (as Express and send do), with what it leaves to its caller:
 * - a unit other than `bytes` (compared without case, §14.1) is ignored: the whole file;
 * - a suffix longer than the file (`bytes=-N`, N > size) selects the whole file (§14.1.2), where
 *   range-parser would compute a negative start and call it unsatisfiable;
 * - a malformed header, or several ranges (no multipart answers here), is ignored: the whole
 *   file, which §14.2 allows.
 */
export function byteRange(size: number, header: string | undefined): ByteRange {
  if (header === undefined) return 'whole';
  const eq = header.indexOf('=');
  if (eq === -1 || header.slice(0, eq).trim().toLowerCase() !== 'bytes') return 'whole';
  const specs = header
    .slice(eq + 1)
    .split(',')
    .map((spec) => {
      const suffix = /^\s*-\s*(\d+)\s*$/.exec(spec);
      return suffix && Number(suffix[1]) > size ? '0-' : spec;
    });
  const ranges = parseRange(size, `bytes=${specs.join(',')}`, { combine: true });
  if (ranges === -1) return 'unsatisfiable';
  if (ranges === -2 || ranges.length !== 1) return 'whole';
  return { start: ranges[0]!.start, end: ranges[0]!.end };
}
