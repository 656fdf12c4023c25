import { type Report, excerpt, limits } from '@parley/protocol';
import type { ConversationRow, MessageRow, ReportRow, UserRow } from '../store/tables.ts';
import type { StoredAttachment } from './attachments.ts';
import type { StoredSticker } from './stickers.ts';
import { presentUser } from './users.ts';

/** Characters of a message the audit log keeps as its label. */
export const auditExcerptMax = 100;

/**
 * What a message said, for the admins: its text, else its file's name, else a sticker's emoji;
 * cut to `max`. A tombstone says nothing any more (its content left the server).
 */
export function messageExcerpt(row: MessageRow, max: number = limits.reportExcerptMax): string {
  if (row.recalled_at !== null || row.kind === 'system') return '';
  if (row.body !== '') return excerpt(row.body, max);
  const data = row.data
    ? (JSON.parse(row.data) as { attachment?: StoredAttachment; sticker?: StoredSticker })
    : {};
  return excerpt(data.attachment?.name ?? data.sticker?.emoji ?? '', max);
}

/** The rows one report is shown with, loaded in bulk (actions/admin/list-reports.ts presentReports). */
export interface ReportContext {
  message: MessageRow;
  conversation: ConversationRow;
  users: Map<string, UserRow>;
  openOnMessage: number;
}

export function presentReport(
  row: ReportRow,
  { message, conversation, users, openOnMessage }: ReportContext,
): Report {
  const person = (id: string | null) => {
    const user = id === null ? undefined : users.get(id);
    return user ? presentUser(user) : null;
  };
  return {
    id: row.id,
    status: row.status,
    reason: row.reason,
    note: row.note,
    createdAt: row.created_at,
    reporter: person(row.reporter_id)!,
    message: {
      id: message.id,
      conversationId: message.conversation_id,
      conversationName: conversation.kind === 'direct' ? '' : conversation.name,
      conversationKind: conversation.kind,
      sender: person(message.sender_id),
      kind: message.kind,
      excerpt: messageExcerpt(message),
      sentAt: message.created_at,
      recalled: message.recalled_at !== null,
    },
    reportsOnMessage: openOnMessage,
    handledBy: person(row.handled_by),
    handledAt: row.handled_at,
  };
}
