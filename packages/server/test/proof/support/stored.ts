import { expect } from 'vitest';
import { openStore } from '../../../src/store/connect.ts';

/**
 * Checks the database itself, with its own connection (the server may be down): one text row
 * per send in the conversation, no clientMsgId stored twice, every acknowledged (clientMsgId,
 * id) present, and no seq used twice.
 */
export async function expectStoredOnce(
  databaseUrl: string,
  conversationId: string,
  sends: number,
  acks: { clientMsgId: string; id: string }[],
): Promise<void> {
  const store = openStore(databaseUrl);
  try {
    const rows = await store.db
      .selectFrom('messages')
      .select(['id', 'seq', 'client_msg_id'])
      .where('conversation_id', '=', conversationId)
      .where('kind', '=', 'text')
      .execute();
    const stored = new Map(rows.map((row) => [row.client_msg_id, row]));
    expect(rows).toHaveLength(sends);
    expect(stored.size, 'a clientMsgId stored twice').toBe(rows.length);
    const missing = acks.filter((ack) => stored.get(ack.clientMsgId)?.id !== ack.id);
    expect(missing, 'acknowledged messages missing from the database').toEqual([]);
    expect(new Set(rows.map((row) => row.seq)).size, 'a seq used twice').toBe(rows.length);
  } finally {
    await store.close();
  }
}
