import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import { now } from '../../ids.ts';
import { dropAttachment, lockMessagesShowing } from '../../store/account-removal.ts';
import { markRecalled, markRevised } from '../../store/message-updates.ts';
import type { Database } from '../../store/tables.ts';
import { followAnnouncement } from '../groups/follow-announcement.ts';
import { announceCounts } from '../read/announce-counts.ts';
import { announceUpdate } from './announce-update.ts';

/** Who takes the files away: the departing owner (delete-account.ts) or a server admin (admin/remove-message.ts). */
export interface RemovedBy {
  userId: string;
  serverAdmin?: boolean;
}

/**
 * Each message showing one of the uploads (the original and every forwarded copy) stops
 * showing it, as a recall takes media away (message_uploads row deleted, members told
 * `message.updated`): with text it keeps the text, without it is a tombstone recalled by `by`.
 * The messages are locked first, all in one statement, before any conversation's rev is
 * bumped: the lock order every message operation keeps (store/message-updates.ts markRevised).
 * The uploads' rows and files are the caller's to remove (sweepMedia after commit).
 */
export async function removeAttachments(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  uploadIds: string[],
  by: RemovedBy,
): Promise<void> {
  for (const message of await lockMessagesShowing(tx, uploadIds)) {
    const changed =
      message.body !== ''
        ? await dropAttachment(tx, message)
        : await markRecalled(tx, message, by.userId, now(), { byServerAdmin: by.serverAdmin === true });
    const revised = await markRevised(tx, changed);
    await announceUpdate(tx, emit, revised);
    await followAnnouncement(tx, emit, revised);
    // A tombstone leaves the unread counts, as after a recall.
    if (revised.recalled_at && revised.sender_id)
      await announceCounts(tx, emit, revised.conversation_id, revised.seq, { except: revised.sender_id });
  }
}
