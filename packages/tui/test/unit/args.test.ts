import { describe, expect, it } from 'vitest';
import { normalizeServer, parseArgs } from '../../src/args.ts';

describe('the command line', () => {
  it('takes the server from --server, or from PARLEY_SERVER', () => {
    expect(parseArgs(['--server', 'http://127.0.0.1:8080/'], {})).toEqual({
      kind: 'run',
      server: 'http://127.0.0.1:8080',
    });
    expect(parseArgs([], { PARLEY_SERVER: 'chat.example.org' })).toEqual({
      kind: 'run',
      server: 'https://chat.example.org',
    });
    expect(parseArgs(['-s', 'chat.example.org', '--sign-out'], {})).toMatchObject({ kind: 'sign-out' });
  });

  it('explains what is missing or wrong', () => {
    expect(parseArgs([], {})).toMatchObject({ kind: 'error', message: expect.stringContaining('--server') });
    expect(parseArgs(['--server'], {})).toMatchObject({ kind: 'error' });
    expect(parseArgs(['--colour'], {})).toMatchObject({
      kind: 'error',
      message: 'unknown argument: --colour',
    });
    expect(parseArgs(['-h'], {})).toEqual({ kind: 'help' });
    expect(normalizeServer('ftp://example.org')).toBeNull();
  });
});
