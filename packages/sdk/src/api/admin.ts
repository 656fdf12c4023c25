import type {
  AdminGroupPage,
  AdminGroupsQuery,
  AdminInviteList,
  AdminUser,
  AdminUserPage,
  AdminUsersQuery,
  AuditPage,
  AuditQuery,
  PasswordReset,
  Report,
  ReportMessageBody,
  ReportPage,
  ReportsQuery,
  ServerCounts,
  ServerSettings,
  UpdateServerSettingsBody,
} from '@parley/protocol';
import { type Call, queryString, seg } from './call.ts';

type PageParams<Q> = Partial<Q>;

/**
 * The admin console's routes (PROTOCOL.md "Admin console"): users, content, reports,
 * run-time settings, counts and the audit log. Everyone but an admin is refused `forbidden`.
 * `report` is the one route here for every user.
 */
export class AdminApi {
  constructor(private readonly call: Call) {}

  users(params: PageParams<AdminUsersQuery> = {}): Promise<AdminUserPage> {
    return this.call('GET', `/admin/users${queryString(params)}`);
  }

  user(userId: string): Promise<AdminUser> {
    return this.call('GET', `/admin/users/${seg(userId)}`);
  }

  /** Ends every session of the user at once; they cannot sign in until enabled. */
  disableUser(userId: string): Promise<AdminUser> {
    return this.call('POST', `/admin/users/${seg(userId)}/disable`);
  }

  enableUser(userId: string): Promise<AdminUser> {
    return this.call('POST', `/admin/users/${seg(userId)}/enable`);
  }

  /** Signs the user out everywhere; the answer's one-time password is for the admin to hand over. */
  resetPassword(userId: string): Promise<PasswordReset> {
    return this.call('POST', `/admin/users/${seg(userId)}/reset-password`);
  }

  setRole(userId: string, role: AdminUser['role']): Promise<AdminUser> {
    return this.call('PUT', `/admin/users/${seg(userId)}/role`, { role });
  }

  /** Recalls any message as an admin (members see the notice); its files go too. */
  removeMessage(messageId: string): Promise<void> {
    return this.call('POST', `/admin/messages/${seg(messageId)}/remove`);
  }

  groups(params: PageParams<AdminGroupsQuery> = {}): Promise<AdminGroupPage> {
    return this.call('GET', `/admin/groups${queryString(params)}`);
  }

  dissolveGroup(groupId: string): Promise<void> {
    return this.call('POST', `/admin/groups/${seg(groupId)}/dissolve`);
  }

  /** Any member who sees the message may report it to the admins, once. */
  report(messageId: string, body: ReportMessageBody): Promise<void> {
    return this.call('POST', `/messages/${seg(messageId)}/report`, body);
  }

  reports(params: PageParams<ReportsQuery> = {}): Promise<ReportPage> {
    return this.call('GET', `/admin/reports${queryString(params)}`);
  }

  /** `remove` recalls the message and closes every open report on it; `dismiss` keeps it. */
  resolveReport(reportId: string, action: 'remove' | 'dismiss'): Promise<Report> {
    return this.call('POST', `/admin/reports/${seg(reportId)}/resolve`, { action });
  }

  settings(): Promise<ServerSettings> {
    return this.call('GET', '/admin/settings');
  }

  updateSettings(body: UpdateServerSettingsBody): Promise<ServerSettings> {
    return this.call('PATCH', '/admin/settings', body);
  }

  counts(): Promise<ServerCounts> {
    return this.call('GET', '/admin/counts');
  }

  invites(): Promise<AdminInviteList> {
    return this.call('GET', '/admin/invites');
  }

  revokeInvite(inviteId: string): Promise<void> {
    return this.call('DELETE', `/admin/invites/${seg(inviteId)}`);
  }

  audit(params: PageParams<AuditQuery> = {}): Promise<AuditPage> {
    return this.call('GET', `/admin/audit${queryString(params)}`);
  }
}
