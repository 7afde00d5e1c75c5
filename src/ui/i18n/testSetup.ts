/**
 * Vitest setup: both languages' UI texts loaded before any test (the page loads 简体中文's
 * dictionary on demand, src/ui/i18n/index.ts loadLang), so tests may switch with changeLanguage.
 */
import { loadLang } from './index.ts';

await loadLang('zh-CN');
