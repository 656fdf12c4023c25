import type { Report, ResolveReportBody } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { auditExcerptMax, messageExcerpt } from '../../presenters/reports.ts';
import { type Services, transact } from '../../services.ts';
import { recordAudit } from '../../store/audit-log.ts';
import { dismissOpenReport, messagesByIds, reportById } from '../../store/reports.ts';
import { sweepMedia } from '../uploads/sweep-media.ts';
import { presentReports } from './list-reports.ts';
import { removeMessageLocked } from './remove-message.ts';

/**
 * An admin decides a report: `remove` takes the message down exactly as POST
 * /admin/messages/:id/remove does (every open report on it closes as `removed`), `dismiss`
 * keeps it and closes this report alone. A report handled already (by another admin, or by a
 * removal through another report) is `already_handled`. Answers the report as it is after.
 */
export async function resolveReport(
  services: Services,
  actor: Actor,
  reportId: string,
  { action }: ResolveReportBody,
): Promise<Report> {
  const adminId = actor.user.id;
  const { report, uploadIds } = await transact(services, async (tx, emit) => {
    const found = await reportById(tx, reportId);
    if (!found) throw new AppError('not_found', 'no such report');
    if (found.status !== 'open') throw new AppError('already_handled', 'that report was handled already');
    if (action === 'remove') {
      // The message's lock first (removeMessageLocked), then the reports: a concurrent removal
      // or dismissal has committed by then, and this report is among those closed or not.
      const removal = await removeMessageLocked(tx, emit, adminId, found.message_id);
      if (!removal.reportIds.includes(reportId))
        throw new AppError('already_handled', 'that report was handled already');
      return { report: (await reportById(tx, reportId))!, uploadIds: removal.uploadIds };
    }
    const dismissed = await dismissOpenReport(tx, reportId, { by: adminId, at: now() });
    if (!dismissed) throw new AppError('already_handled', 'that report was handled already');
    const message = (await messagesByIds(tx, [dismissed.message_id])).get(dismissed.message_id);
    await recordAudit(tx, {
      actorId: adminId,
      action: 'report.dismiss',
      targetType: 'report',
      targetId: reportId,
      targetLabel: message ? messageExcerpt(message, auditExcerptMax) : '',
      detail: {
        messageId: dismissed.message_id,
        conversationId: dismissed.conversation_id,
        reporterId: dismissed.reporter_id,
        reason: dismissed.reason,
      },
    });
    return { report: dismissed, uploadIds: [] as string[] };
  });
  if (uploadIds.length > 0) await sweepMedia(services);
  const [presented] = await presentReports(services.store.db, [report]);
  return presented!;
}
