/**
 * Every refusal Parley gives, with its stable code and HTTP status. Clients switch on `code`
 * (and translate it); `message` is a plain English explanation for logs and developers.
 */
export const errorStatus = {
  invalid_request: 400,
  malformed_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  wrong_password: 403,
  forbidden: 403,
  /** An admin disabled this account: it cannot sign in until enabled again. */
  account_disabled: 403,
  /** An admin reset the password: only POST /me/password (and GET /me, logout) until a new one is set. */
  password_change_required: 403,
  registration_closed: 403,
  invite_invalid: 403,
  origin_not_allowed: 403,
  /** Direct messages to this user are not allowed (DM policy, or a block; which is not said). */
  cannot_message: 403,
  not_a_member: 403,
  /** A group admin has muted the sender in this conversation until a time. */
  muted: 403,
  /** The recall window (PARLEY_RECALL_WINDOW_SECONDS) has passed. */
  recall_expired: 403,
  /** The message was recalled; it can no longer be edited, reacted to, replied to or forwarded. */
  recalled: 409,
  not_found: 404,
  username_taken: 409,
  already_friends: 409,
  /** A pending request or invitation for the same thing exists already. */
  already_requested: 409,
  already_member: 409,
  /** The request or invitation was accepted, declined or cancelled already. */
  already_handled: 409,
  group_full: 409,
  /** Too many pending requests of one kind (limits.pendingFriendRequestsMax …). */
  limit_reached: 409,
  /** Groups: the people invited or added must be the caller's friends. */
  not_friends: 403,
  too_large: 413,
  /** The upload would take the user past their storage quota (PARLEY_UPLOAD_QUOTA_MB). */
  quota_exceeded: 413,
  /** The bytes are not what the kind needs (an image that does not decode, voice that is not Opus). */
  unsupported_media_type: 415,
  /** A Range request beyond the end of the file. */
  range_not_satisfiable: 416,
  rate_limited: 429,
  /** The request line and headers together are past Node's 16 KiB limit (a very long URL). */
  headers_too_large: 431,
  /** The request did not arrive completely in time (Node's request timeout). */
  request_timeout: 408,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const errorCodes = Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]];

/** The body of every REST refusal, and the `error` member of a refused WebSocket request. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** For `invalid_request`: the path of the offending field, e.g. `displayName` or `body`. */
  field?: string;
  /** For `rate_limited`: seconds until the caller may try again (also sent as Retry-After). */
  retryAfter?: number;
}

/** WebSocket close codes the server uses; see PROTOCOL.md. */
export const closeCodes = {
  /** Server shutting down or restarting: reconnect. */
  goingAway: 1001,
  /**
   * This node is draining before it stops (SIGTERM in a cluster): every request answered, then
   * closed. Reconnect now; the load balancer sends the new socket to another node.
   */
  draining: 1012,
  /** A frame larger than limits.wsFrameMaxBytes (sent by the ws library itself). */
  tooLarge: 1009,
  /** Binary frames or repeated malformed frames. */
  protocolError: 4000,
  /** No `hello` within limits.wsHelloTimeoutMs. Reconnect. */
  helloTimeout: 4001,
  /** The token in `hello` is not a live session. Do not reconnect: sign in again. */
  authFailed: 4002,
  /** The session was revoked (logged out, logged in elsewhere, password changed). Do not reconnect. */
  sessionRevoked: 4003,
  /** The client did not read fast enough; reconnect and sync. */
  slowConsumer: 4008,
  /**
   * `hello` with a session whose password an admin reset (the reply says
   * `password_change_required`). The session lives: set a new password (POST /me/password), then
   * connect again with the same token.
   */
  passwordChangeRequired: 4010,
  /**
   * This node lost its link to the other nodes for a moment (Redis restarted), so events may
   * have been missed: reconnect and sync.
   */
  missedEvents: 4009,
} as const;

/** Close codes after which a client must not reconnect with the same token. */
export const terminalCloseCodes: readonly number[] = [closeCodes.authFailed, closeCodes.sessionRevoked];
