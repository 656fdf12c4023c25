import type { Kysely } from 'kysely';
import type { Actor } from '../../access/session.ts';
import type { Envelope } from '../../bus/bus.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { auditExcerptMax, messageExcerpt } from '../../presenters/reports.ts';
import { type Services, transact } from '../../services.ts';
import { recordAudit } from '../../store/audit-log.ts';
import { lockMessage, markRecalled, markRevised } from '../../store/message-updates.ts';
import { closeOpenReports } from '../../store/reports.ts';
import type { Database } from '../../store/tables.ts';
import { deleteUpload } from '../../store/uploads.ts';
import { followAnnouncement } from '../groups/follow-announcement.ts';
import { announceUpdate } from '../messages/announce-update.ts';
import { removeAttachments } from '../messages/remove-attachments.ts';
import { announceCounts } from '../read/announce-counts.ts';
import { sweepMedia } from '../uploads/sweep-media.ts';

/**
 * A server admin takes any message down (issue 16, admin console): in any conversation,
 * direct ones too, whether or not they are in it. It becomes a tombstone exactly as a recall
 * makes one (members get `message.updated`, unread counts drop), marked
 * `recalledByServerAdmin` so clients say who took it. Its file goes with it: the upload is
 * deleted, and every forwarded copy showing it loses it too (keeping its own text, else a
 * tombstone), then the files are swept after commit. Every open report on it is closed as
 * `removed`, and the audit log records it, all in the one transaction.
 */
export async function removeMessage(services: Services, actor: Actor, messageId: string): Promise<void> {
  const { uploadIds } = await transact(services, (tx, emit) =>
    removeMessageLocked(tx, emit, actor.user.id, messageId),
  );
  if (uploadIds.length > 0) await sweepMedia(services);
}

export interface Removal {
  /** The uploads deleted with it (their files are swept after commit). */
  uploadIds: string[];
  /** The open reports it closed as `removed`. */
  reportIds: string[];
}

/** The removal inside the caller's transaction (resolve-report.ts uses it too). */
export async function removeMessageLocked(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  adminId: string,
  messageId: string,
): Promise<Removal> {
  // Message locks first, conversation locks (markRevised) after: the order every message
  // operation keeps (store/message-updates.ts).
  const message = await lockMessage(tx, messageId);
  if (!message) throw new AppError('not_found', 'no such message');
  if (message.kind === 'system') throw new AppError('forbidden', 'system notices cannot be removed');
  if (message.recalled_at) throw new AppError('recalled', 'that message was recalled already');
  const label = messageExcerpt(message, auditExcerptMax);
  const attachmentId = message.data
    ? (JSON.parse(message.data) as { attachment?: { id: string } }).attachment?.id
    : undefined;
  const uploadIds = attachmentId === undefined ? [] : [attachmentId];
  const at = now();
  const recalled = await markRecalled(tx, message, adminId, at, { byServerAdmin: true });
  // Forwarded copies show the same upload: they lose it too, then the upload itself goes,
  // so nobody (its owner included) can send it again.
  await removeAttachments(tx, emit, uploadIds, { userId: adminId, serverAdmin: true });
  for (const id of uploadIds) await deleteUpload(tx, id);
  const revised = await markRevised(tx, recalled);
  await announceUpdate(tx, emit, revised);
  await followAnnouncement(tx, emit, revised);
  // A tombstone is nothing to read: it leaves the unread counts, as after a recall.
  if (message.sender_id)
    await announceCounts(tx, emit, message.conversation_id, message.seq, { except: message.sender_id });
  const reportIds = await closeOpenReports(tx, messageId, { status: 'removed', by: adminId, at });
  await recordAudit(tx, {
    actorId: adminId,
    action: 'message.remove',
    targetType: 'message',
    targetId: messageId,
    targetLabel: label,
    detail: { conversationId: message.conversation_id, senderId: message.sender_id },
  });
  return { uploadIds, reportIds };
}
