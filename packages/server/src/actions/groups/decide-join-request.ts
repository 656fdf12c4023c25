import type { JoinRequest } from '@parley/protocol';
import type { Kysely } from 'kysely';
import { accessGroup } from '../../access/conversations.ts';
import type { Envelope } from '../../bus/bus.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { presentJoinRequest } from '../../presenters/groups.ts';
import { decide } from '../../store/group-decisions.ts';
import { lockGroup } from '../../store/groups.ts';
import { joinRequestById } from '../../store/join-requests.ts';
import { managerIds } from '../../store/members.ts';
import type { ConversationRow, Database, JoinRequestRow } from '../../store/tables.ts';
import { userById } from '../../store/users.ts';

/**
 * Loads a join request for an owner or admin of its group to decide, with the group locked.
 * To anyone outside the group it is "not found"; to a plain member, `forbidden`.
 */
export async function loadJoinRequestToDecide(
  tx: Kysely<Database>,
  me: string,
  id: string,
): Promise<{ request: JoinRequestRow; group: ConversationRow }> {
  const found = await joinRequestById(tx, id);
  if (!found) throw new AppError('not_found', 'no such join request');
  await lockGroup(tx, found.conversation_id);
  const { conversation: group } = await accessGroup(tx, me, found.conversation_id, 'admin');
  // Read again under the group's lock: another admin's decision may have committed in between.
  const request = (await joinRequestById(tx, id))!;
  if (request.status !== 'pending')
    throw new AppError('already_handled', `the request was ${request.status} already`);
  return { request, group };
}

/**
 * Tells the applicant, and the owner and admins (to clear their queue), that a request was
 * decided (`group.join.decided`); answers the request as decided.
 */
export async function announceDecision(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  decided: JoinRequestRow,
  group: ConversationRow,
): Promise<JoinRequest> {
  const applicant = (await userById(tx, decided.user_id))!;
  const request = presentJoinRequest(decided, group, applicant);
  const managers = await managerIds(tx, group.id);
  emit({
    to: { users: [...new Set([decided.user_id, ...managers])] },
    event: { event: 'group.join.decided', data: { request } },
  });
  return request;
}

/** Marks a loaded pending request decided; the row as it now is. */
export async function decideJoinRequest(
  tx: Kysely<Database>,
  pending: JoinRequestRow,
  status: 'accepted' | 'declined',
  decidedBy: string,
): Promise<JoinRequestRow> {
  const at = now();
  if (!(await decide(tx, 'join_requests', pending.id, status, at, decidedBy))) {
    throw new AppError('already_handled', 'the request was decided already');
  }
  return { ...pending, status, decided_by: decidedBy, decided_at: at };
}
