import type { CustomEmoji } from '@parley/protocol';
import type Picker from 'emoji-picker-element/picker';

/**
 * Makes an emoji-picker-element for the language, loaded on first use so the picker, its
 * translations and the emoji data stay out of the first page. The emoji data is the bundled
 * JSON (served by us, never a CDN); the picker keeps it, search and recently used in IndexedDB.
 */
export async function createEmojiPicker(
  language: 'en' | 'zh',
  custom: readonly CustomEmoji[],
  customLabel: string,
) {
  const zh = language === 'zh';
  const [{ default: PickerElement }, data, i18n] = await Promise.all([
    import('emoji-picker-element/picker'),
    zh
      ? import('emoji-picker-element-data/zh/cldr/data.json?url')
      : import('emoji-picker-element-data/en/emojibase/data.json?url'),
    zh ? import('emoji-picker-element/i18n/zh_CN').then((m) => m.default) : null,
  ]);
  const picker: Picker = new PickerElement({
    locale: language,
    dataSource: data.default,
    ...(i18n && { i18n: { ...i18n, favoritesLabel: '常用' } }),
    customEmoji: custom.map((e) => ({
      name: e.shortcode,
      shortcodes: [e.shortcode],
      url: e.url,
      category: customLabel,
    })),
  });
  return picker;
}
