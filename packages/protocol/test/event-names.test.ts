import { describe, expect, it } from 'vitest';
import { serverEventNames, serverEvents } from '../src/index.ts';

describe('serverEventNames', () => {
  it('names exactly the events serverEvents has schemas for', () => {
    expect([...serverEventNames].sort()).toEqual(Object.keys(serverEvents).sort());
  });
});
