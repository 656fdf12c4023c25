import { describe, expect, it } from 'vitest';
import { readFrame } from '../src/index.ts';

describe('reading a gateway frame', () => {
  it('sorts replies, refusals and known events', () => {
    expect(readFrame('{"re":"1","ok":{"serverTime":"t"}}')).toEqual({
      kind: 'ok',
      re: '1',
      result: { serverTime: 't' },
    });
    expect(readFrame('{"re":"2","error":{"code":"invalid_request","message":"m","field":"x"}}')).toEqual({
      kind: 'refusal',
      re: '2',
      error: { code: 'invalid_request', message: 'm', field: 'x' },
    });
    const presence = { event: 'presence.changed', data: { userId: 'u', online: true, lastSeenAt: null } };
    expect(readFrame(JSON.stringify(presence))).toEqual({ kind: 'event', event: presence });
  });

  it('ignores what is not for this SDK instead of failing', () => {
    expect(readFrame(new ArrayBuffer(4))).toBeNull();
    expect(readFrame('not json')).toBeNull();
    expect(readFrame('null')).toBeNull();
    expect(readFrame('{"re":null,"error":{"code":"malformed_json","message":"m"}}')).toBeNull();
    expect(readFrame('{"event":"hologram.projected","data":{}}')).toBeNull();
    expect(readFrame('{"event":"toString","data":{}}')).toBeNull();
  });
});
