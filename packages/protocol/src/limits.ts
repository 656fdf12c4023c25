/**
 * Every size Parley enforces, in one place. The server refuses anything past these with
 * `too_large` or `invalid_request`; clients use the same numbers to stop a user early.
 * String lengths are counted in UTF-16 code units (JavaScript's `length`).
 */
export const limits = {
  usernameMin: 3,
  usernameMax: 32,
  displayNameMax: 64,
  passwordMin: 8,
  passwordMax: 256,
  bioMax: 280,
  deviceNameMax: 64,
  inviteCodeMax: 64,
  searchQueryMax: 64,
  groupNameMax: 64,
  groupDescriptionMax: 500,
  /** Notes on friend requests and join applications ("I'm Alice from class 3"). */
  requestNoteMax: 200,
  remarkMax: 64,
  /** Friends chosen at group creation or in one invitation call. */
  inviteBatchMax: 100,
  /** Pending friend requests one user may have outstanding. */
  pendingFriendRequestsMax: 100,
  /** Characters in one text message; longer is refused with `too_large`. */
  messageTextMax: 4000,
  /** Messages one history request may return. */
  historyPageMax: 100,
  /** Distinct emoji on one message. */
  reactionsPerMessageMax: 20,
  /** Conversations a message may be forwarded to at once. */
  forwardTargetsMax: 20,
  /** At most one typing event per user and conversation in this time. */
  typingIntervalMs: 3000,
  pageSizeDefault: 20,
  /** Members one online list (`GET /conversations/{id}/online`) names; `total` counts the rest. */
  onlineListMax: 200,
  pageSizeMax: 50,
  /** Idempotency and request ids in WebSocket frames. */
  frameIdMax: 64,
  /** Session tokens are 43 characters; anything much longer is not one of ours. */
  tokenMax: 128,
  /** Largest JSON body any REST route accepts (uploads have their own limits, step 4). */
  httpBodyMaxBytes: 256 * 1024,
  /** Largest WebSocket frame the server reads; a larger one closes the socket with 1009. */
  wsFrameMaxBytes: 64 * 1024,
  /** A socket whose unsent buffer passes this is closed as a slow consumer (4008). */
  wsSendBufferMaxBytes: 4 * 1024 * 1024,
  /**
   * `message.send` frames one socket may have waiting for their ack; the server reads the
   * socket's next frame only when one is answered (its replies still come back in order).
   */
  wsSendsInFlightMax: 64,
  /** Characters of an uploaded file's name (longer names are cut, keeping the extension). */
  fileNameMax: 255,
  /** Most bytes one tus PATCH request may carry; clients send larger files in chunks of this or less. */
  uploadChunkMaxBytes: 64 * 1024 * 1024,
  /** Malformed or invalid frames one socket may send before it is closed with 4000. */
  wsMaxBadFrames: 20,
  /** A new socket must authenticate with `hello` within this time or is closed with 4001. */
  wsHelloTimeoutMs: 10_000,
  /** Stickers in one user's collection (their own and ones saved from messages). */
  stickersPerUserMax: 300,
  /** Stickers in one server pack. */
  stickersPerPackMax: 120,
  /** Custom emoji on the server. */
  customEmojiMax: 500,
  /** Largest stored image a sticker or custom emoji is made from (the upload's re-encoded bytes). */
  stickerSourceMaxBytes: 1024 * 1024,
  /** Characters of a sticker's search keyword (usually one emoji) and of a pack's name. */
  stickerKeywordMax: 32,
  stickerPackNameMax: 64,
  /** Characters of the note a user adds when reporting a message. */
  reportNoteMax: 500,
  /** Characters of a reported message shown in the admins' queue. */
  reportExcerptMax: 500,
  /** Reports one user may have waiting for an admin at once (more: limit_reached). */
  openReportsMax: 20,
} as const;

export type Limits = typeof limits;
