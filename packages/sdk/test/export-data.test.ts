import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParleyError } from '../src/index.ts';
import { clientFor, signUp } from './support/people.ts';

describe.each(['sqlite', 'postgres'] as const)('exporting my data with the SDK on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  it('downloads the zip under the server’s name, reporting the bytes as they arrive', async () => {
    const alice = await signUp(server, 'alice');
    const seen: number[] = [];
    const { blob, fileName } = await alice.http.exportData({ onProgress: (received) => seen.push(received) });

    expect(fileName).toMatch(/^parley-export-alice-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(blob.type).toBe('application/zip');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    // A zip's local file header, then its end-of-central-directory record at the end.
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(Buffer.from(bytes).includes(Buffer.from('profile.json'))).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(blob.size);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('rejects with the server’s refusal when signed out', async () => {
    const err = await clientFor(server)
      .http.exportData()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParleyError);
    expect(err).toMatchObject({ code: 'unauthenticated', status: 401 });
  });
});
