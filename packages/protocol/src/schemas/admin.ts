import { z } from 'zod';
import { limits } from '../limits.ts';
import { Role, PublicUser } from './accounts.ts';
import { Id, LookupText, Timestamp } from './common.ts';

/**
 * The admin console (issue 16): what a server's admins see and change, all under
 * /api/v1/admin and refused with `forbidden` to everyone else. Every change is written to the
 * audit log (AuditEntry) in the same transaction as the change itself.
 */

const pageQuery = {
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
};

/** A user as an admin sees them: the public profile plus the account's state and use. */
export const AdminUser = PublicUser.extend({
  /** When an admin disabled the account (it cannot sign in; its messages stay); null when enabled. */
  disabledAt: Timestamp.nullable(),
  /** An admin reset the password: the user must choose a new one before doing anything else. */
  mustChangePassword: z.boolean(),
  /** Last time any of the user's sessions did something; null when never. */
  lastSeenAt: Timestamp.nullable(),
  /** Live device sessions. */
  sessions: z.number().int(),
  /** Bytes the user's uploads take (what counts against PARLEY_UPLOAD_QUOTA_MB). */
  storageBytes: z.number().int(),
});
export type AdminUser = z.infer<typeof AdminUser>;

export const AdminUsersQuery = z.strictObject({
  /** Part of a username or display name; empty lists everyone. */
  q: LookupText(limits.searchQueryMax).trim().optional(),
  /** `disabled`: only disabled accounts; `admins`: only admins; `deleted` accounts are never listed. */
  filter: z.enum(['all', 'disabled', 'admins']).default('all'),
  ...pageQuery,
});
export type AdminUsersQuery = z.infer<typeof AdminUsersQuery>;

export const AdminUserPage = z.object({ users: z.array(AdminUser), nextCursor: z.string().nullable() });
export type AdminUserPage = z.infer<typeof AdminUserPage>;

export const SetRoleBody = z.strictObject({ role: Role });
export type SetRoleBody = z.infer<typeof SetRoleBody>;

/** Answer to a password reset: shown to the admin once, for them to hand to the user. */
export const PasswordReset = z.object({
  /** A one-time password; signing in with it leads straight to choosing a new one. */
  temporaryPassword: z.string(),
});
export type PasswordReset = z.infer<typeof PasswordReset>;

/** A group as an admin sees it in the console (any group, public or not). */
export const AdminGroup = z.object({
  id: Id,
  name: z.string(),
  avatarSmall: z.string().nullable(),
  memberCount: z.number().int(),
  owner: PublicUser.nullable(),
  createdAt: Timestamp,
  /** Last message's time; null when none was sent. */
  lastMessageAt: Timestamp.nullable(),
});
export type AdminGroup = z.infer<typeof AdminGroup>;

export const AdminGroupsQuery = z.strictObject({
  /** Part of the group's name; empty lists every live group. */
  q: LookupText(limits.searchQueryMax).trim().optional(),
  ...pageQuery,
});
export type AdminGroupsQuery = z.infer<typeof AdminGroupsQuery>;

export const AdminGroupPage = z.object({ groups: z.array(AdminGroup), nextCursor: z.string().nullable() });
export type AdminGroupPage = z.infer<typeof AdminGroupPage>;

export const ReportReason = z.enum(['spam', 'abuse', 'illegal', 'other']);
export type ReportReason = z.infer<typeof ReportReason>;

/** POST /messages/:id/report — any member who can see the message may report it, once. */
export const ReportMessageBody = z.strictObject({
  reason: ReportReason,
  /** What the reporter wants the admins to know (optional). */
  note: z
    .string()
    .max(limits.reportNoteMax)
    .regex(/^(?:[\n\t]|[^\p{Cc}\p{Cs}])*$/u, 'no control characters')
    .default(''),
});
export type ReportMessageBody = z.infer<typeof ReportMessageBody>;

export const ReportStatus = z.enum(['open', 'dismissed', 'removed']);
export type ReportStatus = z.infer<typeof ReportStatus>;

/** A report in the admins' queue. */
export const Report = z.object({
  id: Id,
  status: ReportStatus,
  reason: ReportReason,
  note: z.string(),
  createdAt: Timestamp,
  reporter: PublicUser,
  /** The reported message as it is now (recalled: `recalled` true and no text). */
  message: z.object({
    id: Id,
    conversationId: Id,
    /** The group's name, or "" for a direct conversation or the lobby's own name. */
    conversationName: z.string(),
    conversationKind: z.enum(['direct', 'group', 'lobby']),
    sender: PublicUser.nullable(),
    kind: z.string(),
    /** The text (or file name) as sent, cut to limits.reportExcerptMax. */
    excerpt: z.string(),
    sentAt: Timestamp,
    recalled: z.boolean(),
  }),
  /** How many open reports the same message has (this one included). */
  reportsOnMessage: z.number().int(),
  handledBy: PublicUser.nullable(),
  handledAt: Timestamp.nullable(),
});
export type Report = z.infer<typeof Report>;

export const ReportsQuery = z.strictObject({
  status: z.enum(['open', 'handled']).default('open'),
  ...pageQuery,
});
export type ReportsQuery = z.infer<typeof ReportsQuery>;

export const ReportPage = z.object({ reports: z.array(Report), nextCursor: z.string().nullable() });
export type ReportPage = z.infer<typeof ReportPage>;

/** `remove`: recall the message as an admin (every open report on it is closed); `dismiss`: keep it. */
export const ResolveReportBody = z.strictObject({ action: z.enum(['remove', 'dismiss']) });
export type ResolveReportBody = z.infer<typeof ResolveReportBody>;

/**
 * Settings an admin changes at run time, without a restart. Each starts from its environment
 * variable (PARLEY_REGISTRATION, PARLEY_LOBBY, …); a value set here is stored in the database
 * and wins over the environment from then on, on every node.
 */
export const ServerSettings = z.object({
  registration: z.enum(['open', 'invite', 'closed']),
  lobby: z.boolean(),
  maxGroupSize: z.number().int().min(2).max(100_000),
  imageMaxMb: z.number().int().min(1).max(1024),
  voiceMaxMb: z.number().int().min(1).max(1024),
  fileMaxMb: z.number().int().min(1).max(2047),
  /** 0: no limit. */
  uploadQuotaMb: z.number().int().min(0).max(100_000_000),
});
export type ServerSettings = z.infer<typeof ServerSettings>;

export const UpdateServerSettingsBody = ServerSettings.partial().strict();
export type UpdateServerSettingsBody = z.infer<typeof UpdateServerSettingsBody>;

/** The console's front page. */
export const ServerCounts = z.object({
  /** Accounts not deleted (disabled ones included). */
  users: z.number().int(),
  disabledUsers: z.number().int(),
  /** Users seen in the last 24 hours. */
  activeToday: z.number().int(),
  /** Users with a socket open now, on any node. */
  onlineNow: z.number().int(),
  messages: z.number().int(),
  /** Messages sent in the last 24 hours. */
  messagesToday: z.number().int(),
  groups: z.number().int(),
  /** Bytes of stored files (each distinct file once). */
  storageBytes: z.number().int(),
  openReports: z.number().int(),
});
export type ServerCounts = z.infer<typeof ServerCounts>;

/** An invite code as the console lists it (the code itself is shown only when it is made). */
export const AdminInvite = z.object({
  id: Id,
  createdBy: PublicUser.nullable(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  usedBy: PublicUser.nullable(),
  usedAt: Timestamp.nullable(),
});
export type AdminInvite = z.infer<typeof AdminInvite>;

export const AdminInviteList = z.object({ invites: z.array(AdminInvite) });
export type AdminInviteList = z.infer<typeof AdminInviteList>;

export const AuditAction = z.enum([
  'user.disable',
  'user.enable',
  'user.reset_password',
  'user.set_role',
  'message.remove',
  'group.dissolve',
  'report.dismiss',
  'settings.update',
  'invite.create',
  'invite.revoke',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** One line of the audit log: who did what to what, when. */
export const AuditEntry = z.object({
  id: Id,
  at: Timestamp,
  actor: PublicUser.nullable(),
  action: AuditAction,
  targetType: z.enum(['user', 'message', 'group', 'report', 'settings', 'invite']),
  targetId: z.string().nullable(),
  /** What the target was called when it happened (a username, a group's name, an excerpt). */
  targetLabel: z.string(),
  /** The change's particulars, e.g. `{ role: 'admin' }` or the settings before and after. */
  // null as a nullable string: the same values, but OpenAPI 3.0 cannot say "nullable" of a
  // union without a type (Redocly's nullable-type-sibling, test/api/openapi.test.ts).
  detail: z.record(z.string(), z.union([z.string().nullable(), z.number(), z.boolean()])),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.strictObject({
  action: AuditAction.optional(),
  ...pageQuery,
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({ entries: z.array(AuditEntry), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;

/** Path parameter of every /admin/…/:id route. */
export const AdminIdParams = z.strictObject({ id: Id });
