import { type ReportMessageBody, limits } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { newId, now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { isUniqueViolation } from '../../store/errors.ts';
import { insertReport, openReportCountOf, reportOf } from '../../store/reports.ts';
import { lockUser } from '../../store/users.ts';
import { accessMessage, requireLiveText } from '../messages/message-access.ts';

/**
 * A member reports a message to the server's admins (issue 16). Only a message they can see
 * (any other is "not found", as everywhere), never their own, a system notice or a
 * tombstone; once per message; and at most limits.openReportsMax waiting at once, so one
 * user cannot bury the queue. Nobody but the admins learns of it.
 */
export async function reportMessage(
  services: Services,
  actor: Actor,
  messageId: string,
  body: ReportMessageBody,
): Promise<void> {
  const me = actor.user.id;
  await transact(services, async (tx) => {
    const { message } = await accessMessage(tx, me, messageId);
    requireLiveText(message, 'reported');
    if (message.sender_id === me) throw new AppError('forbidden', 'you cannot report your own message');
    // The reporter's reports take turns, so two at once cannot both pass the count.
    await lockUser(tx, me);
    if (await reportOf(tx, messageId, me))
      throw new AppError('already_requested', 'you have reported this message already');
    if ((await openReportCountOf(tx, me)) >= limits.openReportsMax)
      throw new AppError('limit_reached', `at most ${limits.openReportsMax} of your reports may wait`);
    try {
      await insertReport(tx, {
        id: newId(),
        message_id: messageId,
        conversation_id: message.conversation_id,
        reporter_id: me,
        reason: body.reason,
        note: body.note,
        status: 'open',
        created_at: now(),
        handled_by: null,
        handled_at: null,
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new AppError('already_requested', 'you have reported this message already');
      throw err;
    }
  });
}
