import type { HelloResult } from '@parley/protocol';
import type { z } from 'zod';
import type { HelloFrame } from '@parley/protocol';
import { accessSession } from '../../access/session.ts';
import { visibleOnline } from '../../actions/presence/visible-online.ts';
import { AppError } from '../../errors.ts';
import { presentMe } from '../../presenters/users.ts';
import { sessionExists } from '../../store/sessions.ts';
import type { Connection } from '../connection.ts';

/** Authenticates the socket with a session token and makes it a live, presence-counted socket. */
export async function hello(connection: Connection, frame: z.infer<typeof HelloFrame>): Promise<HelloResult> {
  // Frames are handled concurrently, so the flag is set before the first await: two hellos
  // racing on one socket would otherwise count it twice in presence.
  if (connection.helloStarted) throw new AppError('invalid_request', 'this socket has already said hello');
  connection.helloStarted = true;
  const { gateway } = connection;
  const actor = await accessSession(gateway.services, frame.token);
  if (!actor) throw new AppError('unauthenticated', 'the session token is not valid; sign in again');
  // As on REST (http/authenticate.ts): after an admin's reset, nothing until a new password.
  if (actor.user.password_reset_at !== null) {
    throw new AppError('password_change_required', 'choose a new password first: POST /api/v1/me/password');
  }
  connection.authenticated(actor);
  const audience = await gateway.attach(connection);
  // The session may have been revoked between the lookup and attach, when this socket was not
  // yet listening for `session.revoked`. Look again now that it is.
  if (!(await sessionExists(gateway.services.store.db, actor.session.id))) {
    throw new AppError('unauthenticated', 'the session has ended; sign in again');
  }
  return {
    user: presentMe(actor.user),
    sessionId: actor.session.id,
    online: await visibleOnline(gateway.services, actor.user.id, audience ?? undefined),
    heartbeatMs: gateway.services.config.heartbeatMs,
    serverTime: new Date().toISOString(),
  };
}
