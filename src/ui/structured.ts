/**
 * Text the protocols give as data: a plain string (a ballot, a value, a process name — shown as it
 * is, never as HTML) or structured text (an i18n key and values, src/sim/module.ts), rendered in
 * the current language from the dictionaries the app loads (src/app/texts.ts).
 */
import type { StructuredText } from '../sim/module.ts';
import { tr } from './strings.ts';

export function structuredText(v: string | StructuredText): string {
  return typeof v === 'string' ? v : tr(v.key, v.values);
}
