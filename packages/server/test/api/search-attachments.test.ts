import { describe, expect, it } from 'vitest';
import { fixture } from '../media/support.ts';
import { befriend, type Person, people } from '../support/factories.ts';
import { api } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { sendAttachment, uniquePng, uploadReady } from '../support/uploads.ts';

describe.each(dialects)('message search over images and files on %s', (dialect) => {
  const server = useServer(dialect);

  async function search(person: Person, q: string) {
    const res = await api(server(), 'GET', `/search/messages?q=${encodeURIComponent(q)}`, {
      token: person.token,
    });
    expect(res.status, res.text).toBe(200);
    return res.body.results as {
      message: { id: string; kind: string };
      snippet: { text: string; highlights: number[][] };
    }[];
  }

  async function sharing() {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [accepted] = await befriend(server(), alice, bob);
    const chat = accepted.conversationId as string;
    const file = await uploadReady(server(), bob, {
      kind: 'file',
      filename: 'Quarterly-报告-2026.pdf',
      path: fixture('document.pdf'),
    });
    const sentFile = await sendAttachment(server(), bob, chat, file.id);
    expect(sentFile.status, sentFile.text).toBe(201);
    const image = await uploadReady(server(), bob, {
      kind: 'image',
      filename: 'IMG_0042.png',
      bytes: await uniquePng(),
    });
    const sentImage = await sendAttachment(server(), bob, chat, image.id, '海边的日落 Sunset at the beach');
    expect(sentImage.status, sentImage.text).toBe(201);
    return {
      alice,
      bob,
      carol,
      chat,
      fileMessage: sentFile.body.id as string,
      imageMessage: sentImage.body.id as string,
    };
  }

  it('finds a file by its name, with the name as the snippet, by three characters and by two', async () => {
    const { alice, fileMessage } = await sharing();
    const byWord = await search(alice, 'quarterly');
    expect(byWord.map((r) => r.message.id)).toEqual([fileMessage]);
    expect(byWord[0]!.snippet).toEqual({ text: 'Quarterly-报告-2026.pdf', highlights: [[0, 9]] });
    // 报告 is two characters: the window scan, not the index, finds it.
    const byTwo = await search(alice, '报告');
    expect(byTwo.map((r) => r.message.id)).toEqual([fileMessage]);
    expect(byTwo[0]!.snippet.highlights).toEqual([[10, 12]]);
  });

  it('finds an image by its caption, and by its file name', async () => {
    const { alice, imageMessage } = await sharing();
    const byCaption = await search(alice, 'sunset');
    expect(byCaption.map((r) => r.message.id)).toEqual([imageMessage]);
    expect(byCaption[0]!.snippet).toEqual({ text: '海边的日落 Sunset at the beach', highlights: [[6, 12]] });
    expect((await search(alice, '日落')).map((r) => r.message.id)).toEqual([imageMessage]);
    expect((await search(alice, 'IMG_0042')).map((r) => r.message.id)).toEqual([imageMessage]);
  });

  it('finds nothing of a recalled file, nor of a conversation someone is not in', async () => {
    const { alice, bob, carol, fileMessage } = await sharing();
    expect(await search(carol, 'quarterly')).toEqual([]);
    const recalled = await api(server(), 'POST', `/messages/${fileMessage}/recall`, { token: bob.token });
    expect(recalled.status, recalled.text).toBe(200);
    expect(await search(alice, 'quarterly')).toEqual([]);
    expect(await search(alice, '报告')).toEqual([]);
  });
});
