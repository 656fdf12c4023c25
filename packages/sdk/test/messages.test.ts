import { ForwardResult, SearchMessagesPage } from '@parley/protocol';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParleyError } from '../src/index.ts';
import { signUp } from './support/people.ts';

describe.each(['sqlite', 'postgres'] as const)('forwarding and search through the SDK on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  it('finds a Chinese phrase inside a message, in my conversations only', async () => {
    const alice = await signUp(server, 'alice');
    const carol = await signUp(server, 'carol');
    const group = await alice.http.groups.create({ name: '同学' });
    const ack = await alice.http.messages.send(group.id, {
      clientMsgId: crypto.randomUUID(),
      text: '大家你好世界啊',
    });
    await alice.http.messages.send(group.id, { clientMsgId: crypto.randomUUID(), text: 'nothing to see' });

    const page = SearchMessagesPage.parse(await alice.http.messages.search({ q: '你好世界' }));
    expect(page.results.map((r) => r.message.id)).toEqual([ack.id]);
    expect(page.results[0]!.snippet).toEqual({ text: '大家你好世界啊', highlights: [[2, 6]] });
    const scoped = await alice.http.messages.search({ q: '你好世界', conversationId: group.id, limit: 5 });
    expect(scoped.results).toHaveLength(1);
    // Carol is not in the group: it finds nothing for her, and asking inside it is not_found.
    expect((await carol.http.messages.search({ q: '你好世界' })).results).toEqual([]);
    const refusal = await carol.http.messages.search({ q: '你好', conversationId: group.id }).catch((e) => e);
    expect(refusal).toBeInstanceOf(ParleyError);
    expect(refusal).toMatchObject({ code: 'not_found' });
  });

  it('forwards a message to two conversations, and a retry stores nothing twice', async () => {
    const alice = await signUp(server, 'alice2');
    const from = await alice.http.groups.create({ name: 'From' });
    const [to1, to2] = [
      await alice.http.groups.create({ name: 'To 1' }),
      await alice.http.groups.create({ name: 'To 2' }),
    ];
    const original = await alice.http.messages.send(from.id, {
      clientMsgId: crypto.randomUUID(),
      text: 'pass it on',
    });

    const body = { clientMsgId: crypto.randomUUID(), conversationIds: [to1.id, to2.id] };
    const result = ForwardResult.parse(await alice.http.messages.forward(original.id, body));
    expect(result.acks.map((a) => a.conversationId)).toEqual([to1.id, to2.id]);
    expect(await alice.http.messages.forward(original.id, body)).toEqual(result);

    const copies = (await alice.http.messages.allAfter(to1.id)).filter((m) => m.forwardedFrom);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ text: 'pass it on', forwardedFrom: { messageId: original.id } });
  });
});
