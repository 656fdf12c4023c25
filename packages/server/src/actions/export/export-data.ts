import type { Message, SystemNotice } from '@parley/protocol';
import { PassThrough, Readable } from 'node:stream';
import { type ReadStreamOptions, ZipFile } from 'yazl';
import type { Actor } from '../../access/session.ts';
import { presentMessage } from '../../presenters/conversations.ts';
import { presentMe, presentSession } from '../../presenters/users.ts';
import type { Services } from '../../services.ts';
import {
  conversationsByIds,
  currentMemberships,
  finishedUploadsOf,
  firstSeqSince,
  messagesFrom,
  noticesNaming,
} from '../../store/export.ts';
import { extrasFor } from '../../store/message-extras.ts';
import { usersByIds } from '../../store/people-by-id.ts';
import { sessionsOfUser } from '../../store/sessions.ts';
import type { ConversationRow } from '../../store/tables.ts';
import { listFriends } from '../friends/list-friends.ts';
import { showSettings } from '../read/show-settings.ts';
import { escapeHtml, messageHtml, type Names, pageEnd, pageStart } from './html.ts';
import { type Stint, stintsOf, within } from './stints.ts';
import { UniqueNames } from './zip-names.ts';

/** Messages read per query while writing a conversation: memory stays flat however long it is. */
const pageSize = 500;

/**
 * "Export my data" (docs/architecture.md, Exporting one's data): a zip, streamed as it is
 * written, of the caller's profile, friends, every conversation they are or were in (only the
 * stretches they were a member for; a direct conversation whole) as JSON and as HTML, and the
 * files they uploaded. The small parts and the list of what goes in are read up front; each
 * conversation's history and each file is read only when its turn in the zip comes, a page
 * at a time, at the pace the client downloads (the zip stream's backpressure), so a user with
 * 100k messages and gigabytes of files costs the server the same memory as one with ten.
 */
export async function exportData(services: Services, actor: Actor): Promise<Readable> {
  const db = services.store.db;
  const me = actor.user;
  const [settings, sessions, friends, memberships, notices, uploads] = await Promise.all([
    showSettings(services, actor),
    sessionsOfUser(db, me.id),
    listFriends(services, actor),
    currentMemberships(db, me.id),
    noticesNaming(db, me.id),
    finishedUploadsOf(db, me.id),
  ]);

  const noticesIn = new Map<string, { seq: number; notice: SystemNotice }[]>();
  for (const row of notices) {
    if (!row.data) continue;
    const list = noticesIn.get(row.conversation_id) ?? [];
    list.push({ seq: Number(row.seq), notice: JSON.parse(row.data) as SystemNotice });
    noticesIn.set(row.conversation_id, list);
  }
  const joinedAt = new Map(memberships.map((m) => [m.conversation.id, m.joinedAt]));
  const left = [...noticesIn.keys()].filter((id) => !joinedAt.has(id));
  const conversations = [...memberships.map((m) => m.conversation), ...(await conversationsByIds(db, left))];

  const names = new PeopleNames(services);
  await names.load([me.id, ...conversations.flatMap((c) => (c.direct_key ? c.direct_key.split(':') : []))]);

  // Files go under uploads/ by their own names, each once; messages link to them there.
  const fileNames = new UniqueNames();
  const files = uploads.map((upload) => ({ upload, path: `uploads/${fileNames.claim(upload.name)}` }));
  const fileOf = new Map(files.map((f) => [f.upload.id, f.path]));

  const zip = new ZipFile();
  const output = new PassThrough();
  // The entry being read now, so a download that stops early also stops its reads (the
  // database pages, an open blob) instead of leaving them paused forever.
  let current: Readable | undefined;
  let stopped = false;
  const addLater = (path: string, options: Partial<ReadStreamOptions>, open: () => Promise<Readable>) =>
    zip.addReadStreamLazy(path, options, (done) => {
      if (stopped) return done(null, Readable.from([]));
      open().then(
        (stream) => done(null, (current = stream)),
        (err: unknown) => done(err, undefined as never),
      );
    });
  const streamOf = (chunks: () => AsyncGenerator<Buffer>) => async () =>
    Readable.from(chunks(), { objectMode: false });
  const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2) + '\n');
  zip.addBuffer(
    json({
      user: presentMe(me),
      settings,
      sessions: sessions.map((s) => {
        const { deviceName, createdAt, lastSeenAt } = presentSession(s, actor.session.id);
        return { deviceName, createdAt, lastSeenAt };
      }),
      exportedAt: new Date().toISOString(),
    }),
    'profile.json',
  );
  zip.addBuffer(json(friends), 'friends.json');

  const titleOf = (c: ConversationRow) =>
    c.kind === 'direct' ? names.of(c.direct_key!.split(':').find((id) => id !== me.id) ?? me.id) : c.name;
  const listed: { conversation: ConversationRow; title: string }[] = [];
  for (const conversation of conversations) {
    const id = conversation.id;
    const title = titleOf(conversation);
    listed.push({ conversation, title });
    // Worked out when the conversation's turn comes, then shared by its two files.
    let stints: Promise<Stint[]> | undefined;
    const stintsNow = () =>
      (stints ??= (async () => {
        if (conversation.kind === 'direct') return [{ fromSeq: 0, toSeq: Infinity }];
        const since = joinedAt.get(id);
        const stint = since ? { fromSeq: await firstSeqSince(db, id, since) } : null;
        return stintsOf(me.id, noticesIn.get(id) ?? [], stint);
      })());
    const summary = async () => ({
      id,
      kind: conversation.kind,
      name: title,
      createdAt: conversation.created_at,
      dissolvedAt: conversation.dissolved_at,
      member: joinedAt.has(id),
      // The seq ranges of the history that is here: the stretches the user was a member for.
      stretches: (await stintsNow()).map((s) => ({
        fromSeq: s.fromSeq,
        toSeq: s.toSeq === Infinity ? null : s.toSeq,
      })),
    });
    const history = async function* () {
      for await (const page of pages(services, id, await stintsNow(), names)) yield page;
    };

    addLater(
      `conversations/${id}/messages.json`,
      {},
      streamOf(async function* () {
        yield Buffer.from(`{\n"conversation": ${JSON.stringify(await summary())},\n"messages": [`);
        let first = true;
        for await (const page of history()) {
          for (const message of page) {
            const file = message.attachment && fileOf.get(message.attachment.id);
            const entry = {
              ...message,
              senderName: message.senderId ? names.of(message.senderId) : null,
              ...(file && { file }),
            };
            yield Buffer.from(`${first ? '\n' : ',\n'}${JSON.stringify(entry)}`);
            first = false;
          }
        }
        yield Buffer.from('\n]}\n');
      }),
    );
    addLater(
      `conversations/${id}/index.html`,
      {},
      streamOf(async function* () {
        yield Buffer.from(
          pageStart(title) +
            `<p><a href="../../index.html">← all conversations</a></p><h1>${escapeHtml(title)}</h1>\n`,
        );
        for await (const page of history()) {
          let chunk = '';
          for (const message of page) {
            const file = message.attachment && fileOf.get(message.attachment.id);
            chunk += messageHtml(message, names, file ? `../../${encodePath(file)}` : undefined);
          }
          yield Buffer.from(chunk);
        }
        yield Buffer.from(pageEnd);
      }),
    );
  }

  let index = pageStart('Parley export') + `<h1>${escapeHtml(names.of(me.id))}</h1>\n`;
  index += `<p><a href="profile.json">profile.json</a> · <a href="friends.json">friends.json</a></p>\n`;
  index += `<h2>Conversations</h2>\n<ul>\n`;
  for (const { conversation, title } of listed)
    index += `<li><a href="conversations/${conversation.id}/index.html">${escapeHtml(title)}</a> <span class="meta">(${conversation.kind})</span></li>\n`;
  index += `</ul>\n<h2>My uploads</h2>\n<ul>\n`;
  for (const f of files)
    index += `<li><a href="${escapeHtml(encodePath(f.path))}">${escapeHtml(f.path.slice(8))}</a></li>\n`;
  index += '</ul>\n' + pageEnd;
  zip.addBuffer(Buffer.from(index), 'index.html');

  for (const { upload, path } of files)
    // Stored as they are: images, voice and most files are compressed already.
    addLater(path, { compress: false, mtime: new Date(upload.created_at) }, () =>
      services.blobs.read(upload.blob_sha!),
    );
  zip.end();

  // yazl reports a failed entry (a database error, a missing blob) on the ZipFile, not on its
  // output: end the download with an error so the client sees a broken transfer, not a
  // complete-looking zip with a part missing.
  zip.outputStream.pipe(output);
  zip.on('error', (err: unknown) => {
    if (stopped) return;
    services.log.error({ err, userId: me.id }, 'data export failed');
    output.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  output.once('close', () => {
    if (output.readableEnded) return;
    stopped = true;
    current?.destroy();
  });
  return output;
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/** A conversation's messages within the stints, a page at a time, as the wire shows them. */
async function* pages(
  services: Services,
  conversationId: string,
  stints: Stint[],
  names: PeopleNames,
): AsyncGenerator<Message[]> {
  if (stints.length === 0) return;
  const db = services.store.db;
  let from = Math.min(...stints.map((s) => s.fromSeq));
  const last = Math.max(...stints.map((s) => s.toSeq));
  for (;;) {
    const rows = await messagesFrom(db, conversationId, from, pageSize);
    const kept = rows.filter((r) => within(stints, Number(r.seq)));
    if (kept.length > 0) {
      const extras = await extrasFor(db, kept);
      const messages = kept.map((r) => presentMessage(r, extras.get(r.id)));
      await names.load(
        messages.flatMap((m) => [
          ...(m.senderId ? [m.senderId] : []),
          ...(m.replyTo?.senderId ? [m.replyTo.senderId] : []),
          ...(m.notice ? [...(m.notice.actorId ? [m.notice.actorId] : []), ...m.notice.userIds] : []),
        ]),
      );
      yield messages;
    }
    const lastRow = rows.at(-1);
    if (!lastRow || rows.length < pageSize || Number(lastRow.seq) >= last) return;
    from = Number(lastRow.seq) + 1;
  }
}

/** "Display name (@username)" of the people an export names, looked up once each. */
class PeopleNames implements Names {
  private readonly known = new Map<string, string>();

  constructor(private readonly services: Services) {}

  async load(ids: string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.known.has(id));
    if (missing.length === 0) return;
    const users = await usersByIds(this.services.store.db, missing);
    for (const id of missing) {
      const user = users.get(id);
      this.known.set(id, user ? `${user.display_name} (@${user.username})` : 'a former user');
    }
  }

  of(userId: string | null): string {
    if (userId === null) return 'Parley';
    return this.known.get(userId) ?? 'a former user';
  }
}
