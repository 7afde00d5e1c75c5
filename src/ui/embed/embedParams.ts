/**
 * Embed mode's URL (README "Embedding"): `?embed` shows a chosen set of the lab's views, sized to
 * the frame, without the page's header; `&views=ring,console,…` chooses them (in this order of
 * the page, whatever order the link gives). It composes with every other parameter
 * (`voters`, `seed`, `protocol`, `run`, `do`, `lesson`, `lang`): the lab is the same, only less of
 * it shows.
 */

/** The views an embed can show, in the order it lays them out. */
export const EMBED_VIEWS = ['controls', 'ring', 'spacetime', 'tree', 'panels', 'invariants', 'lesson', 'inspector', 'events', 'console'] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];

/** Without `views=`: the playback bar, the ring and the console. */
export const DEFAULT_EMBED_VIEWS: readonly EmbedView[] = ['controls', 'ring', 'console'];

/** The most characters of `views=` read (a link is not a place for essays). */
const MAX_VIEWS_PARAM = 200;

export interface EmbedSettings {
  views: EmbedView[];
  /** Names in `views=` that are not views (reported, then ignored). */
  unknown: string[];
}

/** Null when the page is not an embed (no `embed` parameter, or `embed=0|false|no`). */
export function parseEmbedParams(params: URLSearchParams): EmbedSettings | null {
  const embed = params.get('embed');
  if (embed === null || /^(0|false|no|off)$/i.test(embed.trim())) return null;
  const raw = params.get('views');
  if (raw === null || raw.trim() === '') return { views: [...DEFAULT_EMBED_VIEWS], unknown: [] };
  const names = raw
    .slice(0, MAX_VIEWS_PARAM)
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== '');
  const chosen = new Set(names);
  const views = EMBED_VIEWS.filter((v) => chosen.has(v));
  const unknown = [...new Set(names.filter((n) => !(EMBED_VIEWS as readonly string[]).includes(n)))];
  return { views: views.length > 0 ? views : [...DEFAULT_EMBED_VIEWS], unknown };
}

/** An embed link for `link` (a lab address): its parameters, then `embed&views=…`. */
export function embedLink(link: string, views: readonly EmbedView[] = DEFAULT_EMBED_VIEWS): string {
  const url = new URL(link);
  url.searchParams.delete('embed');
  url.searchParams.delete('views');
  const search = url.searchParams.toString();
  // `embed` without a value, and the view list's commas unescaped: a link a person can read.
  return `${url.origin}${url.pathname}?${search === '' ? '' : `${search}&`}embed&views=${views.join(',')}`;
}

/** The `<iframe>` snippet Share offers for an embed link. */
export function iframeSnippet(src: string, title: string, width = 800, height = 450): string {
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<iframe src="${attr(src)}" title="${attr(title)}" width="${width}" height="${height}" loading="lazy" allow="clipboard-write"></iframe>`;
}
