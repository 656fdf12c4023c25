import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256File } from '../../src/media/hash.ts';
import { fixture, useTempDir } from './support.ts';

describe('sha256File', () => {
  const dir = useTempDir();

  it('gives the lowercase hex SHA-256 of the whole file', async () => {
    const expected = createHash('sha256')
      .update(readFileSync(fixture('voice-65s.ogg')))
      .digest('hex');
    expect(await sha256File(fixture('voice-65s.ogg'))).toBe(expected);
  });

  it('hashes files larger than one read chunk and empty files', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 'parley');
    writeFileSync(path.join(dir(), 'big'), big);
    writeFileSync(path.join(dir(), 'empty'), '');
    expect(await sha256File(path.join(dir(), 'big'))).toBe(createHash('sha256').update(big).digest('hex'));
    expect(await sha256File(path.join(dir(), 'empty'))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('rejects when the file does not exist', async () => {
    await expect(sha256File(path.join(dir(), 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
