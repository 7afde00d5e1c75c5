/**
 * i18next for the lab's UI: English (the default) and 简体中文.
 * `?lang=zh-CN` (or `?lang=en`) in the URL picks the language; otherwise the learner's saved choice
 * (localStorage) does; otherwise English. zkCli's and `lab`'s own output is never translated.
 */
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en.ts';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGUAGES)[number];
/** Each language's name in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', 'zh-CN': '简体中文' };
const STORAGE_KEY = 'zk-lab.lang';

function asLang(v: string | null | undefined): Lang | null {
  if (!v) return null;
  const l = v.toLowerCase();
  if (l === 'en' || l.startsWith('en-')) return 'en';
  if (l === 'zh' || l === 'zh-cn' || l === 'zh-hans' || l.startsWith('zh-hans')) return 'zh-CN';
  return null;
}

function savedLang(): Lang | null {
  try {
    return asLang(globalThis.localStorage?.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

/** The language the page starts in: the URL's `lang`, else the saved choice, else English. */
export function initialLang(search: string | null = typeof location === 'undefined' ? null : location.search): Lang {
  const fromUrl = search === null ? null : asLang(new URLSearchParams(search).get('lang'));
  return fromUrl ?? savedLang() ?? 'en';
}

function syncHtmlLang(lng: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  // English is built in; 简体中文's dictionary loads when it is wanted (loadLang), so a page in
  // English does not carry it in its first load. The service worker keeps it for offline use.
  resources: { en: { translation: en } },
  lng: initialLang(),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  load: 'currentOnly',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
syncHtmlLang(i18n.language);
i18n.on('languageChanged', syncHtmlLang);

/**
 * Adds a protocol's texts (flat keys such as `paxos.ev.promise`, `zookeeper.log.expiring`) to a
 * language: the app loads every protocol's dictionaries (src/protocol/registry.ts) at start, so
 * views render structured events through i18next without importing protocol code.
 */
export function addTexts(lang: Lang, texts: Readonly<Record<string, string>>): void {
  i18n.addResources(lang, 'translation', texts);
}

const loaded = new Set<Lang>(['en']);

/** The lessons' Chinese titles (lessons/catalog.zh.ts), once the Chinese dictionary is loaded. */
let lessonTitlesZh: Readonly<Record<string, string>> = {};

/** A lesson's title in a language: the catalog's English one unless the Chinese one is loaded. */
export function lessonTitle(entry: { id: string; title: string }, lang: Lang): string {
  return (lang === 'zh-CN' ? lessonTitlesZh[entry.id] : undefined) ?? entry.title;
}

/**
 * Makes a language's UI texts available (the Chinese dictionary is its own chunk). The page awaits
 * this for its first language before it renders (src/app/main.tsx); setLang awaits it on a switch.
 */
export async function loadLang(lang: Lang): Promise<void> {
  if (loaded.has(lang)) return;
  const { zhCN, LESSON_TITLES_ZH } = await import('./zh-CN.ts');
  // deep merge, keeping texts already added (each protocol's own, addTexts)
  i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, false);
  lessonTitlesZh = LESSON_TITLES_ZH;
  loaded.add(lang);
}

/** Loads the page's first language (initialLang) and resolves to it, before the first render. */
export async function loadInitialLang(): Promise<void> {
  const lang = asLang(i18n.language) ?? 'en';
  if (loaded.has(lang)) return;
  await loadLang(lang);
  await i18n.changeLanguage(lang);
}

/** Switches the UI's language (once its texts are loaded) and remembers the choice. */
export function setLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // storage may be unavailable (private mode): the choice then lasts for this page only
  }
  // A `?lang=` in the address would win over the saved choice on the next load (New ensemble reloads): follow it.
  if (typeof location !== 'undefined' && typeof history !== 'undefined') {
    const url = new URL(location.href);
    if (url.searchParams.has('lang')) {
      url.searchParams.set('lang', lang);
      history.replaceState(history.state, '', url);
    }
  }
  void loadLang(lang).then(() => i18n.changeLanguage(lang));
}

/** The current language; a component that calls this re-renders when it changes. */
export function useLang(): Lang {
  const { i18n: inst } = useTranslation();
  return (asLang(inst.resolvedLanguage ?? inst.language) ?? 'en');
}
