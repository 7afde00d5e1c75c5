/**
 * Loads the texts the protocols define themselves into i18next: each protocol's log events, roles
 * and invariants (src/protocol/registry.ts) and what can be wrong with a link's settings
 * (src/protocol/config.ts). Views render structured text (a key and values) through these.
 */
import { addTexts } from '../ui/i18n/index.ts';
import { ALL_PROTOCOLS } from '../protocol/registry.ts';
import { URL_PROBLEMS_EN, URL_PROBLEMS_ZH } from '../protocol/config.ts';

const prefixed = (prefix: string, dict: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(dict).map(([k, v]) => [`${prefix}${k}`, v]));

export function loadProtocolTexts(): void {
  for (const p of ALL_PROTOCOLS) {
    addTexts('en', p.text.en);
    addTexts('zh-CN', p.text.zh);
  }
  addTexts('en', prefixed('configErrors.', URL_PROBLEMS_EN));
  addTexts('zh-CN', prefixed('configErrors.', URL_PROBLEMS_ZH));
}
