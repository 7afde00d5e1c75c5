/**
 * Lesson text (LessonText.tsx): `code` spans, and `[[id]]` / `[[id|words]]` links to other
 * lessons — only to ids of the catalog, as React elements (no HTML is ever read from a lesson).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { LessonText, lessonLinks, parseLessonText } from './LessonText.tsx';

describe('parseLessonText', () => {
  test('code spans, links by id (the lesson\'s title in the language) and with their own words', () => {
    expect(parseLessonText('Run `begin T1`, then read [[paxos-basics]] or [[paxos-derivation|the derivation]].', 'en')).toEqual([
      { kind: 'text', text: 'Run ' },
      { kind: 'code', text: 'begin T1' },
      { kind: 'text', text: ', then read ' },
      { kind: 'lesson', id: 'paxos-basics', text: 'Paxos basics: proposers, acceptors, learners — and one acceptor is not enough' },
      { kind: 'text', text: ' or ' },
      { kind: 'lesson', id: 'paxos-derivation', text: 'the derivation' },
      { kind: 'text', text: '.' },
    ]);
    expect(parseLessonText('见[[2pc-basics]]。', 'zh-CN')).toEqual([
      { kind: 'text', text: '见' },
      { kind: 'lesson', id: '2pc-basics', text: '两阶段提交（2PC）：正常提交与中断' },
      { kind: 'text', text: '。' },
    ]);
  });

  test('an unknown id, a malformed link and a link inside `code` stay text', () => {
    expect(parseLessonText('[[no-such-lesson]] [[Paxos]] `[[paxos-basics]]`', 'en')).toEqual([
      { kind: 'text', text: '[[no-such-lesson]] [[Paxos]] ' },
      { kind: 'code', text: '[[paxos-basics]]' },
    ]);
    expect(lessonLinks('[[no-such-lesson]] [[a|b]] `[[paxos-basics]]`')).toEqual(['no-such-lesson', 'a']);
  });
});

describe('LessonText', () => {
  test('renders a link to ?lesson=ID; words that look like HTML are text, never markup', () => {
    const html = renderToStaticMarkup(createElement(LessonText, {
      text: 'See [[paxos-basics|<img src=x onerror=alert(1)>]] and `<b>x</b>`; [[javascript:alert(1)|x]].',
      lang: 'en',
    }));
    expect(html).toBe('See <a class="lesson-ref" href="?lesson=paxos-basics" data-lesson-ref="paxos-basics">&lt;img src=x onerror=alert(1)&gt;</a> and <code>&lt;b&gt;x&lt;/b&gt;</code>; [[javascript:alert(1)|x]].');
  });

  test('with links={false} (inside the steps\' buttons) a link reads as its words', () => {
    expect(renderToStaticMarkup(createElement(LessonText, { text: 'Next: [[paxos-basics|Paxos]].', lang: 'en', links: false }))).toBe('Next: Paxos.');
  });
});
