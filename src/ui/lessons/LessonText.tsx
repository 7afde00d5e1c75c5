/**
 * Lesson text as React elements: `code` spans (commands, paths, ids) set as <code>, and links to
 * other lessons written `[[lesson-id]]` (the link reads as that lesson's title in the current
 * language) or `[[lesson-id|words]]` (it reads as the words). Only ids of the lesson catalog
 * become links, to `?lesson=ID` (lessonHref); anything else stays text. Plain React text nodes
 * only: nothing in a lesson is ever read as HTML.
 */
import { LESSON_CATALOG } from '../../../lessons/catalog.ts';
import type { Lang } from '../../../lessons/types.ts';
import { i18n, lessonTitle } from '../i18n';

/**
 * The link that opens a lesson: a fresh page on the lesson's own ensemble, in the page's language
 * (a `lang` in the current URL is kept; otherwise the saved choice applies).
 */
export function lessonHref(id: string, search: string = typeof location === 'undefined' ? '' : location.search): string {
  const params = new URLSearchParams({ lesson: id });
  const lang = new URLSearchParams(search).get('lang');
  if (lang !== null) params.set('lang', lang);
  return `?${params.toString()}`;
}

export type LessonSegment =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  /** A link to lesson `id`, reading `text`. */
  | { kind: 'lesson'; id: string; text: string };

/** `[[id]]` or `[[id|words]]` (outside `code` spans). */
export const LESSON_LINK = /\[\[([a-z0-9][a-z0-9-]*)(?:\|([^[\]|]+))?\]\]/g;

/** The lesson ids a text links to (known or not), in order. */
export function lessonLinks(text: string): string[] {
  return text.split(/`[^`]+`/).flatMap((part) => [...part.matchAll(LESSON_LINK)].map((m) => m[1]!));
}

export function parseLessonText(text: string, lang: Lang): LessonSegment[] {
  const out: LessonSegment[] = [];
  const plain = (s: string) => {
    const last = out.at(-1);
    if (s === '') return;
    if (last?.kind === 'text') last.text += s;
    else out.push({ kind: 'text', text: s });
  };
  text.split(/`([^`]+)`/).forEach((part, i) => {
    if (i % 2 === 1) {
      out.push({ kind: 'code', text: part });
      return;
    }
    let at = 0;
    for (const m of part.matchAll(LESSON_LINK)) {
      plain(part.slice(at, m.index));
      const entry = LESSON_CATALOG.find((l) => l.id === m[1]);
      if (entry) out.push({ kind: 'lesson', id: entry.id, text: m[2] ?? lessonTitle(entry, lang) });
      else plain(m[0]);
      at = m.index + m[0].length;
    }
    plain(part.slice(at));
  });
  return out;
}

/** With `links={false}` (inside a button: the steps' contents) a link reads as its words, not a link. */
export function LessonText({ text, lang, links = true }: { text: string; lang?: Lang; links?: boolean }) {
  const l: Lang = lang ?? (i18n.language === 'zh-CN' ? 'zh-CN' : 'en');
  return (
    <>
      {parseLessonText(text, l).map((s, i) => {
        if (s.kind === 'code') return <code key={i}>{s.text}</code>;
        if (s.kind === 'lesson' && links) {
          return <a key={i} className="lesson-ref" href={lessonHref(s.id)} data-lesson-ref={s.id}>{s.text}</a>;
        }
        return s.text;
      })}
    </>
  );
}
