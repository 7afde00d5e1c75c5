/** The top bar's language switcher: English or 简体中文 for the whole UI (never for zkCli's output). */
import { LANGUAGES, LANGUAGE_NAMES, setLang, useLang, type Lang } from '../i18n/index.ts';
import { t } from '../strings.ts';

export function LanguageSwitcher() {
  const lang = useLang();
  return (
    <label className="lang-switch">
      <span className="lang-switch-label" aria-hidden="true">
        文/A
      </span>
      <select aria-label={t.language} value={lang} onChange={(e) => setLang(e.currentTarget.value as Lang)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
