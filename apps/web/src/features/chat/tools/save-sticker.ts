import { limits, type Message } from '@parley/protocol';
import { type ParleySession, ParleyError } from '@parley/sdk';
import { i18next } from '../../../i18n/index.ts';
import { toast } from '../../../ui/toast.tsx';
import { errorText } from '../../../util/error-text.ts';

/**
 * Keeps the sticker a message shows in my collection (the picker's "My stickers"). The server
 * answers a sticker kept already as if it were added, so the collection is looked at first to
 * tell the user it was there; a full collection gets its own words.
 */
export async function saveSticker(session: ParleySession, message: Message): Promise<void> {
  const t = i18next.t.bind(i18next);
  const sticker = message.sticker;
  if (!sticker) return;
  try {
    if (!session.getSnapshot().stickers) await session.loadStickers();
    if (session.getSnapshot().stickers?.mine.some((s) => s.id === sticker.id)) {
      toast(t('chat:sticker.already'));
      return;
    }
    await session.account.addSticker({ messageId: message.id });
    toast(t('chat:sticker.saved'));
  } catch (err) {
    if (err instanceof ParleyError && err.code === 'limit_reached')
      toast(t('chat:sticker.full', { count: limits.stickersPerUserMax }), 'error');
    else toast(errorText(err), 'error');
  }
}
