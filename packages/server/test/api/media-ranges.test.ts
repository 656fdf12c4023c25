import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { register } from '../support/factories.ts';
import { expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { download, uploadReady } from '../support/uploads.ts';

/** Issue 16: Range and If-None-Match on /media as RFC 9110 has them. */
describe.each(dialects)('ranges and conditions on /media on %s', (dialect) => {
  const server = useServer(dialect);

  /** alice's 1,000-byte file, which she may always fetch. */
  async function aFile() {
    const alice = await register(server(), 'alice');
    const bytes = randomBytes(1000);
    const upload = await uploadReady(server(), alice, { kind: 'file', filename: 'data.bin', bytes });
    const get = (headers: Record<string, string>) => download(server(), alice, upload.url, headers);
    return { bytes, get };
  }

  it('still answers an ordinary byte range, an open-ended one and a short suffix with 206 and that part', async () => {
    const { bytes, get } = await aFile();
    const middle = await get({ range: 'bytes=100-199' });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(middle.headers.get('content-length')).toBe('100');
    expect(middle.bytes.equals(bytes.subarray(100, 200))).toBe(true);
    const rest = await get({ range: 'bytes=900-' });
    expect(rest.headers.get('content-range')).toBe('bytes 900-999/1000');
    expect(rest.bytes.equals(bytes.subarray(900))).toBe(true);
    const tail = await get({ range: 'bytes=-10' });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe('bytes 990-999/1000');
    expect(tail.bytes.equals(bytes.subarray(990))).toBe(true);
    // The unit is case-insensitive (RFC 9110 §14.1).
    expect((await get({ range: 'BYTES=0-0' })).headers.get('content-range')).toBe('bytes 0-0/1000');
    expectError((await get({ range: 'bytes=1000-' })).asApi, 416, 'range_not_satisfiable');
  });

  it('ignores a Range in a unit other than bytes and sends the whole file', async () => {
    const { bytes, get } = await aFile();
    for (const range of ['items=0-9', 'lines=-5', 'none=2000-']) {
      const got = await get({ range });
      expect(got.status, range).toBe(200);
      expect(got.headers.get('content-range'), range).toBeNull();
      expect(got.bytes.equals(bytes), range).toBe(true);
    }
  });

  it('answers a suffix longer than the file with all of it: 206, bytes 0 to the end', async () => {
    const { bytes, get } = await aFile();
    for (const range of ['bytes=-1000', 'bytes=-1001', 'bytes=-99999999']) {
      const got = await get({ range });
      expect(got.status, range).toBe(206);
      expect(got.headers.get('content-range'), range).toBe('bytes 0-999/1000');
      expect(got.headers.get('content-length'), range).toBe('1000');
      expect(got.bytes.equals(bytes), range).toBe(true);
    }
  });

  it('answers If-None-Match: * with 304 for a file that exists, and a different ETag with the file', async () => {
    const { bytes, get } = await aFile();
    const star = await get({ 'if-none-match': '*' });
    expect(star.status).toBe(304);
    expect(star.bytes.length).toBe(0);
    const etag = star.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);

    const other = await get({ 'if-none-match': `"${'0'.repeat(64)}"` });
    expect(other.status).toBe(200);
    expect(other.bytes.equals(bytes)).toBe(true);
    // A list naming it, or its weak form, is a match too (weak comparison, RFC 9110 §13.1.2).
    expect((await get({ 'if-none-match': `"${'0'.repeat(64)}", ${etag}` })).status).toBe(304);
    expect((await get({ 'if-none-match': `W/${etag}` })).status).toBe(304);
    // The condition comes before the range (RFC 9110 §13.2.2): no 416 for a copy that is current.
    expect((await get({ 'if-none-match': '*', range: 'bytes=5000-' })).status).toBe(304);
  });
});
