import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Chinese (Simplified) and English. Each feature keeps its strings in its own namespace file,
 * locales/<lang>/<namespace>.json. English is bundled with the app (it is also the fallback);
 * Chinese is a chunk of its own (zh.ts), loaded before the first render when it is the
 * language, or when someone switches to it: an English page does not download and evaluate
 * both (no fetching from the server at run time: the service worker precaches the chunk).
 */
export const languages = ['en', 'zh'] as const;
export type Language = (typeof languages)[number];

type Files = Record<string, { default: Record<string, unknown> }>;
type Bundle = Record<string, Record<string, unknown>>;

/** One language's strings by namespace, from its files: './locales/en/auth.json' → auth. */
function namespaces(files: Files): Bundle {
  const bundle: Bundle = {};
  for (const [path, module] of Object.entries(files))
    bundle[/([^/]+)\.json$/.exec(path)![1]!] = module.default;
  return bundle;
}

const english = namespaces(import.meta.glob<Files[string]>('./locales/en/*.json', { eager: true }));
const loaders: Record<Exclude<Language, 'en'>, () => Promise<Bundle>> = {
  zh: () => import('./zh.ts').then((m) => namespaces(m.default)),
};

/** Gives i18next a language's strings if it does not have them yet. */
async function loadLanguage(lng: Language): Promise<void> {
  if (lng === 'en' || i18next.hasResourceBundle(lng, 'common')) return;
  const bundle = await loaders[lng]();
  for (const [ns, strings] of Object.entries(bundle)) i18next.addResourceBundle(lng, ns, strings);
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
  let lng = initialLanguage();
  const resources: Record<string, Bundle> = { en: english };
  if (lng !== 'en') {
    // Not downloaded (a first visit that lost the network meanwhile): English rather than nothing.
    const strings = await loaders[lng]().catch(() => null);
    if (strings) resources[lng] = strings;
    else lng = 'en';
  }
  await i18next
    .use(initReactI18next)
    .use(cjkSpacing)
    .init({
      postProcess: ['cjkSpacing'],
      resources,
      lng,
      fallbackLng: 'en',
      defaultNS: 'common',
      ns: Object.keys(english),
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    });
  applyLang(lng);
}

export async function setLanguage(lng: Language): Promise<void> {
  await loadLanguage(lng);
  localStorage.setItem(key, lng);
  await i18next.changeLanguage(lng);
  applyLang(lng);
}

function applyLang(lng: Language): void {
  document.documentElement.lang = lng === 'zh' ? 'zh-CN' : 'en';
}

export { i18next };
