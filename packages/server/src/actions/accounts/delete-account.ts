import type { DeleteAccountBody } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { verifyPassword } from '../../auth/passwords.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { presentUser } from '../../presenters/users.ts';
import { type Services, transact } from '../../services.ts';
import { activeAdminCount, lockAdminChanges } from '../../store/admin-users.ts';
import {
  cancelFriendRequestsOf,
  cancelPendingAsksOf,
  deletePersonalRows,
  deleteSessionsOf,
  deleteUploadsOf,
  eraseUser,
  friendIdsOf,
  groupIdsOf,
  uploadsOf,
} from '../../store/account-removal.ts';
import { deleteFriendship } from '../../store/friends.ts';
import { userById } from '../../store/users.ts';
import { leaveOnDeletion } from '../groups/leave-on-deletion.ts';
import { removeAttachments } from '../messages/remove-attachments.ts';
import { sweepMedia } from '../uploads/sweep-media.ts';

/**
 * "Delete my account" (issue 16), confirmed with the password, which is checked as
 * changePassword checks it: wrong guesses count against the login throttle, so a stolen token
 * cannot delete the account nor brute-force the password through here.
 *
 * In one transaction the account is emptied but its row kept (store/account-removal.ts
 * eraseUser), so the messages it sent stay in others' history under a deleted user; it leaves
 * every group and the lobby (a group it owned passes on, one it leaves empty is dissolved);
 * friendships, open requests, blocks, push subscriptions and sticker collection go; its
 * uploads go, and each message that showed one loses the attachment (keeping its text, else
 * becoming a tombstone, as a recall does); every session ends, its sockets told
 * `session.revoked` (`account_deleted`) and closed. Events go after commit; then the files
 * nothing points at any more are swept (docs/architecture.md, Nothing left behind).
 */
export async function deleteAccount(
  services: Services,
  actor: Actor,
  input: DeleteAccountBody,
  ip: string,
): Promise<void> {
  const me = actor.user.id;
  const attempt = await services.loginThrottle.attempt(actor.user.username, ip);
  if (!(await verifyPassword(input.password, actor.user.password_hash))) {
    throw new AppError('wrong_password', 'the password is wrong', { field: 'password' });
  }
  await attempt.succeeded();
  const partials: string[] = [];
  await transact(services, async (tx, emit) => {
    // The server keeps one admin who can act, as the console's role change does: nobody could
    // make another without editing the database.
    if (actor.user.role === 'admin') {
      await lockAdminChanges(tx, services.store.dialect);
      if ((await activeAdminCount(tx)) <= 1) {
        throw new AppError(
          'limit_reached',
          "you are the server's only admin: make someone else an admin first (Admin console → Users)",
        );
      }
    }
    const at = now();
    // Messages first, then conversations: the lock order every message operation keeps
    // (store/message-updates.ts markRevised).
    const uploads = await uploadsOf(tx, me);
    partials.push(...uploads.filter((u) => u.status === 'uploading').map((u) => u.id));
    await removeAttachments(
      tx,
      emit,
      uploads.map((u) => u.id),
      { userId: me },
    );
    await deleteUploadsOf(tx, me);
    for (const groupId of await groupIdsOf(tx, me)) await leaveOnDeletion(tx, emit, groupId, me);
    for (const { id, conversation_id } of await cancelPendingAsksOf(tx, me, at)) {
      emit({
        to: { users: [me] },
        event: { event: 'group.invitation.cancelled', data: { invitationId: id, groupId: conversation_id } },
      });
    }
    for (const friendId of await friendIdsOf(tx, me)) {
      await deleteFriendship(tx, me, friendId);
      emit({ to: { users: [friendId] }, event: { event: 'friend.removed', data: { userId: me } } });
    }
    for (const request of await cancelFriendRequestsOf(tx, me, at)) {
      // Whoever knew of the request hears it is gone; an ignored one's recipient never did.
      const other = request.from_id === me ? request.to_id : request.from_id;
      if (request.from_id === me && request.status === 'ignored') continue;
      emit({ to: { users: [other] }, event: { event: 'friend.cancelled', data: { requestId: request.id } } });
    }
    await deletePersonalRows(tx, me);
    await eraseUser(tx, me, at);
    emit({
      to: { everyone: true },
      event: { event: 'user.updated', data: presentUser((await userById(tx, me))!) },
    });
    for (const sessionId of await deleteSessionsOf(tx, me)) {
      emit({
        to: { sessions: [sessionId] },
        event: { event: 'session.revoked', data: { sessionId, reason: 'account_deleted' } },
      });
    }
  });
  for (const id of partials) {
    await services.staging
      .remove(id)
      .catch((err: unknown) => services.log.warn({ err, upload: id }, 'could not remove a partial upload'));
  }
  // Avatar, upload and sticker files nothing points at any more.
  await sweepMedia(services);
}
