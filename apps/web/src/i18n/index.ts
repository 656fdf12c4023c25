import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Chinese (Simplified) and English. Each feature keeps its strings in its own namespace file,
 * locales/<lang>/<namespace>.json; every file found there is bundled (no fetching at run time).
 */
export const languages = ['en', 'zh'] as const;
export type Language = (typeof languages)[number];

const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, module] of Object.entries(files)) {
  const [, lang, ns] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path)!;
  (resources[lang!] ??= {})[ns!] = module.default;
}

const key = 'parley.lang';

/** The saved choice, else the browser's: any Chinese variant gets Chinese. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(key);
  if (saved === 'en' || saved === 'zh') return saved;
  return navigator.languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

/**
 * Chinese strings put a space around a name so that "alice 创建了群聊" reads well; when the name is
 * Chinese itself ("你 创建了群聊") the space is wrong. Drop a space that has Chinese on both sides.
 */
const cjkSpacing = {
  type: 'postProcessor' as const,
  name: 'cjkSpacing',
  process: (value: string, _key: string | string[], _options: unknown, translator: { language?: string }) =>
    translator.language?.startsWith('zh')
      ? value.replace(/(?<=[\u3000-\u9fff\uff00-\uffef]) +(?=[\u3000-\u9fff\uff00-\uffef])/gu, '')
      : value,
};

export async function initI18n(): Promise<void> {
  const lng = initialLanguage();
  await i18next
    .use(initReactI18next)
    .use(cjkSpacing)
    .init({
      postProcess: ['cjkSpacing'],
      resources,
      lng,
      fallbackLng: 'en',
      defaultNS: 'common',
      ns: Object.keys(resources.en ?? {}),
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    });
  applyLang(lng);
}

export async function setLanguage(lng: Language): Promise<void> {
  localStorage.setItem(key, lng);
  await i18next.changeLanguage(lng);
  applyLang(lng);
}

function applyLang(lng: Language): void {
  document.documentElement.lang = lng === 'zh' ? 'zh-CN' : 'en';
}

export { i18next };
