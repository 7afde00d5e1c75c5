/**
 * i18next for the lab's UI: English (the default) and 简体中文.
 * `?lang=zh-CN` (or `?lang=en`) in the URL picks the language; otherwise the learner's saved choice
 * (localStorage) does; otherwise English. zkCli's and `lab`'s own output is never translated.
 */
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

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
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
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

/** Switches the UI's language and remembers the choice. */
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
  void i18n.changeLanguage(lang);
}

/** The current language; a component that calls this re-renders when it changes. */
export function useLang(): Lang {
  const { i18n: inst } = useTranslation();
  return (asLang(inst.resolvedLanguage ?? inst.language) ?? 'en');
}
