import { z } from 'zod';
import { limits } from '../limits.ts';
import { Bio, DeviceName, DisplayName, Id, LookupText, Password, Timestamp, Username } from './common.ts';

export const Role = z.enum(['admin', 'member']);

/** What anyone signed in may see of a user. */
export const PublicUser = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  bio: z.string(),
  /** Path of the 256 px avatar (`/avatars/<sha-256>`, public, cached forever); null when none is set. */
  avatar: z.string().nullable(),
  /** The same avatar at 64 px, for lists. */
  avatarSmall: z.string().nullable(),
  role: Role,
  createdAt: Timestamp,
  /**
   * Present (and true) only for an account its owner deleted: the row stays so their messages
   * keep a sender, but username, bio and avatar are empty and displayName is "Deleted user" —
   * clients show their own word for it.
   */
  deleted: z.literal(true).optional(),
});
export type PublicUser = z.infer<typeof PublicUser>;

/** The signed-in user's own profile. */
export const Me = PublicUser.extend({
  updatedAt: Timestamp,
  /**
   * Present (and true) after an admin reset the password: until the user sets a new one
   * (POST /me/password, with the temporary password as `currentPassword`), every other route
   * answers `password_change_required`. Clients show the new-password form and nothing else.
   */
  mustChangePassword: z.literal(true).optional(),
});
export type Me = z.infer<typeof Me>;

export const SessionInfo = z.object({
  id: Id,
  deviceName: z.string(),
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** True for the session that made this request. */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const RegisterBody = z.strictObject({
  username: Username,
  displayName: DisplayName,
  password: Password,
  /** Required when the server's registration policy is `invite`. */
  inviteCode: z.string().min(1).max(limits.inviteCodeMax).optional(),
  deviceName: DeviceName.optional(),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

/**
 * A "known device" value: handed out with every sign-in (AuthResult.knownDevice) for the client
 * to keep — past sign-out — and send back with its next login to the same account. It lets this
 * device sign in while the account is under a guessing attack: it skips the account-wide
 * slowdown and the per-address limits. It is no credential: the password is still needed.
 */
export const KnownDevice = z.string().min(1).max(limits.tokenMax);

export const LoginBody = z.strictObject({
  username: LookupText(limits.usernameMax).min(1),
  password: z.string().min(1).max(limits.passwordMax),
  deviceName: DeviceName.optional(),
  /** The `knownDevice` of this device's last sign-in to this account; a value that is not is ignored. */
  knownDevice: KnownDevice.optional(),
});
export type LoginBody = z.infer<typeof LoginBody>;

/** Answer to register and login: the bearer token is shown once and never stored in clear. */
export const AuthResult = z.object({
  token: z.string(),
  session: SessionInfo,
  user: Me,
  /** Keep it for this account, and send it with the next login (LoginBody.knownDevice). */
  knownDevice: KnownDevice,
});
export type AuthResult = z.infer<typeof AuthResult>;

export const UpdateProfileBody = z
  .strictObject({
    displayName: DisplayName.optional(),
    bio: Bio.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdateProfileBody = z.infer<typeof UpdateProfileBody>;

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(limits.passwordMax),
  newPassword: Password,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

/** Deleting my account is confirmed with my password (POST /me/delete). */
export const DeleteAccountBody = z.strictObject({
  password: z.string().min(1).max(limits.passwordMax),
});
export type DeleteAccountBody = z.infer<typeof DeleteAccountBody>;

export const SessionList = z.object({ sessions: z.array(SessionInfo) });
export type SessionList = z.infer<typeof SessionList>;

export const SearchUsersQuery = z.strictObject({
  q: LookupText(limits.searchQueryMax).trim().min(1),
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
});
export type SearchUsersQuery = z.infer<typeof SearchUsersQuery>;

export const UserPage = z.object({
  users: z.array(PublicUser),
  nextCursor: z.string().nullable(),
});
export type UserPage = z.infer<typeof UserPage>;

export const Invite = z.object({ code: z.string(), expiresAt: Timestamp });
export type Invite = z.infer<typeof Invite>;

export const CreateInviteBody = z.strictObject({
  /** How long the code stays valid; default 7 days, at most 30. */
  expiresInHours: z.number().int().min(1).max(720).default(168),
});
export type CreateInviteBody = z.infer<typeof CreateInviteBody>;

export const ServerInfo = z.object({
  name: z.literal('parley'),
  version: z.string(),
  registration: z.enum(['open', 'invite', 'closed']),
  singleSession: z.boolean(),
  /** Id of the public lobby conversation, when the server has one (PARLEY_LOBBY). */
  lobbyId: z.string().nullable(),
  dmPolicy: z.enum(['friends', 'anyone']),
  /** PARLEY_MAX_GROUP_SIZE: most members a group may have. */
  maxGroupSize: z.number().int(),
  /** PARLEY_RECALL_WINDOW_SECONDS: how long a sender may recall their own message. */
  recallWindowSeconds: z.number().int(),
  /**
   * The server's VAPID public key (base64url, 65 bytes): what `pushManager.subscribe` takes as
   * `applicationServerKey`, so the push service accepts only this server's pushes.
   */
  vapidPublicKey: z.string(),
  limits: z.record(z.string(), z.number()),
});
export type ServerInfo = z.infer<typeof ServerInfo>;
