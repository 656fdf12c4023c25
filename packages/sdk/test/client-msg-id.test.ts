import { describe, expect, it } from 'vitest';
import { newClientMsgId } from '../src/index.ts';

describe('newClientMsgId', () => {
  // The server's idempotency index is keyed by this id first; ids that sort in the order they
  // were made land at its end (migration 20261207T0300_client_id_index).
  it('makes UUIDs that sort in the order they were made, also within one millisecond', () => {
    const ids = Array.from({ length: 1000 }, () => newClientMsgId());
    expect(
      ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)),
    ).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
