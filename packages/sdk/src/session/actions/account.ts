import type {
  AddStickerBody,
  ChangePasswordBody,
  SessionList,
  Sticker,
  Me,
  Settings,
  StickerCollection,
  UpdateProfileBody,
  UpdateSettingsBody,
} from '@parley/protocol';
import type { SessionCore } from '../session-core.ts';
import { userUpdated } from '../reduce/users.ts';

/** My profile, avatar, settings, devices, password and stickers. */
export class AccountActions {
  constructor(private readonly core: SessionCore) {}

  async updateProfile(body: UpdateProfileBody): Promise<Me> {
    return this.me(await this.core.http.updateMe(body));
  }

  async setAvatar(uploadId: string): Promise<Me> {
    return this.me(await this.core.http.setAvatar(uploadId));
  }

  async removeAvatar(): Promise<Me> {
    return this.me(await this.core.http.removeAvatar());
  }

  async updateSettings(body: UpdateSettingsBody): Promise<Settings> {
    const settings = await this.core.http.updateSettings(body);
    this.core.apply({ event: 'settings.updated', data: settings });
    return settings;
  }

  /** My sticker collection after adding or removing one (the server has no event for it). */
  async reloadStickers(): Promise<StickerCollection> {
    const stickers = await this.core.http.stickers.list();
    this.core.update((s) => ({ ...s, stickers }));
    return stickers;
  }

  /** My signed-in devices (this one marked current). */
  sessions(): Promise<SessionList> {
    return this.core.http.sessions();
  }

  /** Signs one of my other devices out. */
  revokeSession(sessionId: string): Promise<void> {
    return this.core.http.revokeSession(sessionId);
  }

  /** Every other device is signed out by the server; this one stays. */
  changePassword(body: ChangePasswordBody): Promise<void> {
    return this.core.http.changePassword(body);
  }

  /**
   * Deletes my account. On success the session has ended (`ended: 'account_deleted'`) without
   * waiting for the socket's `session.revoked`, which may not come if it is offline.
   */
  async deleteAccount(password: string): Promise<void> {
    await this.core.http.deleteAccount({ password });
    this.core.update((s) => ({ ...s, ended: 'account_deleted' }));
  }

  /** Keeps a sticker (from my image upload or a sticker message) in my collection. */
  async addSticker(body: AddStickerBody): Promise<Sticker> {
    const sticker = await this.core.http.stickers.add(body);
    await this.reloadStickers().catch(() => {});
    return sticker;
  }

  async removeSticker(stickerId: string): Promise<void> {
    await this.core.http.stickers.remove(stickerId);
    await this.reloadStickers().catch(() => {});
  }

  private me(me: Me): Me {
    // Everywhere else I show as a PublicUser (what user.updated and a fresh load give), without `updatedAt`.
    const { updatedAt: _, ...user } = me;
    this.core.update((s) => ({ ...userUpdated(s, user), me }));
    return me;
  }
}
