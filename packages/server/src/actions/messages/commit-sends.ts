import type { SendMessageBody } from '@parley/protocol';
import type { Kysely } from 'kysely';
import type { MemberCache } from '../../access/member-cache.ts';
import type { Envelope } from '../../bus/bus.ts';
import type { Config } from '../../config/settings.ts';
import { AppError } from '../../errors.ts';
import { newId, now } from '../../ids.ts';
import { presentMessage } from '../../presenters/conversations.ts';
import { lockConversations, moveConversationHeads } from '../../store/conversations.ts';
import { setReadCursors } from '../../store/members.ts';
import { insertMessages, messageById, messagesByClientIds } from '../../store/messages.ts';
import type { Store } from '../../store/connect.ts';
import type { ConversationKind, Database, MessageRow, StickerRow, UploadRow } from '../../store/tables.ts';
import { storedAttachment } from '../../presenters/attachments.ts';
import { storedSticker } from '../../presenters/stickers.ts';
import { refuseToSend } from './check-can-send.ts';
import { mentionedMembers } from './mentions.ts';
import { type SentCursor, addReceipts } from './sent-receipts.ts';

/** One message to store: what sendMessage checked outside (size, an earlier ack) is done. */
export interface SendRequest {
  senderId: string;
  conversationId: string;
  body: SendMessageBody;
  /** Set by forwardMessage: where the copy comes from (shown as "forwarded from …"). */
  forwardedFrom?: { messageId: string; senderId: string | null };
}

/** `stored` is false for a retried clientMsgId, answered with the earlier message. */
export type SendOutcome =
  | {
      ok: true;
      row: MessageRow;
      events: Envelope[];
      stored: boolean;
      /** Newly stored: the conversation's kind and members at this commit (for push-sender.ts). */
      people?: StoredFor;
    }
  | { ok: false; error: AppError };

/** Who a newly stored message was stored for: its conversation's kind and members. */
export interface StoredFor {
  kind: ConversationKind;
  memberIds: readonly string[];
}

export interface SendDeps {
  store: Store;
  members: MemberCache;
  config: Pick<Config, 'dmPolicy'>;
}

/** Where one conversation stands inside the batch. */
interface Head {
  kind: ConversationKind;
  accessRev: number;
  lastSeq: number;
  /** created_at of its newest message in the batch; null while the batch stored none there. */
  movedTo: string | null;
}

/**
 * Stores a batch of sends in ONE transaction (group commit), with one statement of each kind
 * however many conversations it spans: the conversations' row locks are taken at once and seqs
 * are handed out in memory, then written back with one update; the messages go in with one
 * multi-row insert; the senders' read cursors move with one update. A send that breaks
 * a rule (not a member, muted, blocked, bad reply target) is refused before it writes
 * anything, so the others go on; any other failure throws and rolls the whole batch back
 * (send-batcher.ts then runs its sends one by one). Nothing is published here: the caller
 * publishes the outcomes' events after the commit (DESIGN.md, delivery contract point 3).
 */
export function commitSends(deps: SendDeps, requests: SendRequest[]): Promise<SendOutcome[]> {
  return deps.store.db.transaction().execute(async (tx) => {
    const heads = new Map<string, Head>();
    const cursors = new Map<string, SentCursor>();
    const outcomes: SendOutcome[] = [];
    const rows: MessageRow[] = [];
    const mentions: { user_id: string; conversation_id: string; seq: number }[] = [];
    // Which messages show which upload or sticker: who may fetch it, and that it must stay.
    const shown: { message_id: string; upload_id: string; conversation_id: string }[] = [];
    const stickers: { message_id: string; sticker_id: string; conversation_id: string }[] = [];
    // A retried clientMsgId (stored before, or twice in this batch) is answered with the first
    // message and stores nothing; sendMessage checks it was for the same conversation.
    const sent = await earlierSends(tx, requests);
    // Every conversation of the batch locked at once, before any check (see lockConversations).
    const ids = [...new Set(requests.map((r) => r.conversationId))];
    for (const locked of await lockConversations(tx, ids)) {
      heads.set(locked.id, {
        kind: locked.kind,
        accessRev: locked.access_rev,
        lastSeq: Number(locked.last_seq),
        movedTo: null,
      });
    }
    for (const request of requests) {
      const key = sendKey(request.senderId, request.body.clientMsgId);
      const earlier = sent.get(key);
      if (earlier) {
        outcomes.push({ ok: true, row: earlier, events: [], stored: false });
        continue;
      }
      try {
        const { row, events, mentioned, upload, sticker, peerId, storedFor } = await prepareOne(
          tx,
          deps,
          heads,
          request,
        );
        sent.set(key, row);
        rows.push(row);
        const link = { message_id: row.id, conversation_id: row.conversation_id };
        for (const userId of mentioned) {
          mentions.push({ user_id: userId, conversation_id: row.conversation_id, seq: row.seq });
        }
        if (upload) shown.push({ ...link, upload_id: upload.id });
        if (sticker) stickers.push({ ...link, sticker_id: sticker.id });
        cursors.set(`${row.conversation_id}\n${request.senderId}`, {
          conversationId: row.conversation_id,
          userId: request.senderId,
          seq: row.seq,
          peerId,
          events,
        });
        outcomes.push({ ok: true, row, events, stored: true, people: storedFor });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        outcomes.push({ ok: false, error: err });
      }
    }
    // One statement for all the batch's messages: on PostgreSQL a round trip is the cost.
    await insertMessages(tx, rows);
    if (mentions.length > 0) await tx.insertInto('mentions').values(mentions).execute();
    if (shown.length > 0) {
      await tx.insertInto('message_uploads').values(shown).execute();
      await tx
        .updateTable('uploads')
        .set({ sent: 1 })
        .where(
          'id',
          'in',
          shown.map((s) => s.upload_id),
        )
        .execute();
    }
    if (stickers.length > 0) await tx.insertInto('message_stickers').values(stickers).execute();
    await moveConversationHeads(
      tx,
      [...heads]
        .filter(([, head]) => head.movedTo !== null)
        .map(([id, head]) => ({ id, lastSeq: head.lastSeq, at: head.movedTo! })),
    );
    // What I sent, I have read.
    await setReadCursors(tx, [...cursors.values()]);
    await addReceipts(tx, [...cursors.values()]);
    return outcomes;
  });
}

const sendKey = (senderId: string, clientMsgId: string) => `${senderId}\n${clientMsgId}`;

/** The messages already stored under the batch's (sender, clientMsgId) pairs, in one query. */
async function earlierSends(tx: Kysely<Database>, requests: SendRequest[]): Promise<Map<string, MessageRow>> {
  const rows = await messagesByClientIds(
    tx,
    requests.map((r) => ({ senderId: r.senderId, clientMsgId: r.body.clientMsgId })),
  );
  return new Map(rows.map((row) => [sendKey(row.sender_id!, row.client_msg_id!), row]));
}

/** Checks one send and gives its row the conversation's next seq; commitSends inserts it. */
async function prepareOne(
  tx: Kysely<Database>,
  deps: SendDeps,
  heads: Map<string, Head>,
  { senderId, conversationId, body, forwardedFrom }: SendRequest,
): Promise<{
  row: MessageRow;
  events: Envelope[];
  mentioned: string[];
  upload: UploadRow | undefined;
  sticker: StickerRow | undefined;
  peerId: string | undefined;
  storedFor: StoredFor;
}> {
  // Locked by commitSends before any check, so a kick, mute or block that commits first is
  // seen, and one that comes later waits for this batch.
  const head = heads.get(conversationId);
  if (!head) throw new AppError('not_found', 'no such conversation');
  const people = await deps.members.get(tx, conversationId, head.kind, head.accessRev);
  refuseToSend(deps.config.dmPolicy, senderId, people);
  const replyTo =
    body.replyToId === undefined ? undefined : await replyTarget(tx, conversationId, body.replyToId);
  const text = body.text ?? '';
  const mentions = await mentionedMembers(tx, conversationId, senderId, text);
  const upload =
    body.attachmentId === undefined
      ? undefined
      : await attachable(tx, senderId, body.attachmentId, forwardedFrom);
  const sticker =
    body.stickerId === undefined
      ? undefined
      : await sendableSticker(tx, senderId, body.stickerId, forwardedFrom);

  const row: MessageRow = {
    id: newId(),
    conversation_id: conversationId,
    seq: head.lastSeq + 1,
    rev: 0,
    sender_id: senderId,
    kind: upload ? upload.kind : sticker ? 'sticker' : 'text',
    body: text,
    data:
      mentions.length > 0 || forwardedFrom || upload || sticker
        ? JSON.stringify({
            ...(mentions.length > 0 && { mentions }),
            ...(forwardedFrom && { forwardedFrom }),
            ...(upload && { attachment: storedAttachment(upload) }),
            ...(sticker && { sticker: storedSticker(sticker) }),
          })
        : null,
    client_msg_id: body.clientMsgId,
    created_at: now(),
    reply_to_id: body.replyToId ?? null,
    edited_at: null,
    recalled_at: null,
    recalled_by: null,
  };
  head.lastSeq = row.seq;
  head.movedTo = row.created_at;
  // One event for everyone, the sender's devices too: a message.created of my own also says
  // my read cursor moved to it with nothing left unread (PROTOCOL.md, Sending), so no
  // read.updated goes with it.
  const events: Envelope[] = [
    {
      to: { users: people.ids },
      event: { event: 'message.created', data: presentMessage(row, { replyTo }) },
    },
  ];
  const peerId = head.kind === 'direct' ? people.ids.find((id) => id !== senderId) : undefined;
  return {
    row,
    events,
    mentioned: mentions,
    upload,
    sticker,
    peerId,
    storedFor: { kind: head.kind, memberIds: people.ids },
  };
}

/**
 * The upload a send attaches: one of the sender's, finished. A forwarded copy may attach the
 * original's upload, whoever uploaded it: forwardMessage checked the forwarder can see it.
 */
async function attachable(
  tx: Kysely<Database>,
  senderId: string,
  uploadId: string,
  forwardedFrom: SendRequest['forwardedFrom'],
): Promise<UploadRow> {
  const upload = await tx.selectFrom('uploads').selectAll().where('id', '=', uploadId).executeTakeFirst();
  if (!upload || upload.status !== 'ready' || (!forwardedFrom && upload.owner_id !== senderId)) {
    throw new AppError('not_found', 'no finished upload of yours has this id', { field: 'attachmentId' });
  }
  return upload;
}

/**
 * The sticker a send shows: a server pack's, or one in the sender's collection. A forwarded
 * copy may show the original's sticker: forwardMessage checked the forwarder can see it.
 */
async function sendableSticker(
  tx: Kysely<Database>,
  senderId: string,
  stickerId: string,
  forwardedFrom: SendRequest['forwardedFrom'],
): Promise<StickerRow> {
  const sticker = await tx
    .selectFrom('stickers')
    .leftJoin('user_stickers', (join) =>
      join.onRef('user_stickers.sticker_id', '=', 'stickers.id').on('user_stickers.user_id', '=', senderId),
    )
    .selectAll('stickers')
    .select('user_stickers.user_id as kept_by')
    .where('stickers.id', '=', stickerId)
    .executeTakeFirst();
  if (!sticker || (sticker.pack_id === null && sticker.kept_by === null && !forwardedFrom)) {
    throw new AppError('not_found', 'no sticker of a pack or of your collection has this id', {
      field: 'stickerId',
    });
  }
  const { kept_by: _keptBy, ...row } = sticker;
  return row;
}

async function replyTarget(
  tx: Kysely<Database>,
  conversationId: string,
  replyToId: string,
): Promise<MessageRow> {
  const target = await messageById(tx, replyToId);
  if (!target || target.conversation_id !== conversationId) {
    throw new AppError('not_found', 'the message replied to is not in this conversation', {
      field: 'replyToId',
    });
  }
  if (target.recalled_at) throw new AppError('recalled', 'that message was recalled', { field: 'replyToId' });
  return target;
}
