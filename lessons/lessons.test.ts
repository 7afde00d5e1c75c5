/** Every lesson, played headless to its end in every language: every check of every step passes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseLabConfig } from '../src/protocol/config.ts';
import { setupOf } from '../src/protocol/registry.ts';
import { runLesson } from '../src/worker/lessonRunner.ts';
import { lessonLinks } from '../src/ui/lessons/LessonText.tsx';
import { LESSON_CATALOG } from './catalog.ts';
import { LESSON_TITLES_ZH } from './catalog.zh.ts';
import { INTERVIEW_INDEX, LESSONS } from './index.ts';
import type { Lang, Text } from './types.ts';

const LANGS: Lang[] = ['en', 'zh-CN'];

function texts(t: Text): string[] {
  return LANGS.map((l) => t[l]);
}

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  test('has every text in every language', () => {
    for (const t of [lesson.title, lesson.challenge, ...lesson.steps.map((s) => s.narration)]) {
      for (const s of texts(t)) expect(s.trim().length).toBeGreaterThan(0);
    }
    // The Chinese text is really Chinese (not a copy of the English).
    for (const s of lesson.steps) expect(s.narration['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  });

  test('its links to other lessons ([[id]], [[id|words]]) name lessons of the catalog, the same ones in every language', () => {
    const known = new Set(LESSON_CATALOG.map((l) => l.id));
    for (const t of [lesson.title, lesson.challenge, ...lesson.steps.map((s) => s.narration)]) {
      const [en, zh] = LANGS.map((l) => lessonLinks(t[l]));
      for (const id of en!) expect(known.has(id), `[[${id}]]`).toBe(true);
      expect(zh).toEqual(en);
    }
  });

  test('its packet and state checks name processes of its lab (Paxos: acceptors 1..N, then proposers, then learners; `lab add` the next id)', () => {
    const { config, errors } = parseLabConfig(new URLSearchParams(lesson.ensemble).entries());
    expect(errors).toEqual([]);
    const ids = new Set(setupOf(config).ids);
    for (const [i, s] of lesson.steps.entries()) {
      // A server a step starts with `lab add observer|voter` is the next id, from that step on.
      for (const line of s.actions) if (/^lab add (observer|voter)$/.test(line)) ids.add(Math.max(...ids) + 1);
      for (const c of s.checks) {
        if (c.kind === 'state' || c.kind === 'epoch') expect(ids.has(c.server), `step ${i + 1}: ${JSON.stringify(c)}`).toBe(true);
        if (c.kind !== 'packet') continue;
        for (const id of [c.from, c.to]) if (id !== undefined) expect(ids.has(id), `step ${i + 1}: ${JSON.stringify(c)}`).toBe(true);
      }
    }
  });

  test.each(LANGS)('plays to its end (%s)', async (lang) => {
    const results = await runLesson(lesson, lang);
    expect(results).toHaveLength(lesson.steps.length);
    for (const r of results) {
      const failed = r.checks.filter((c) => !c.ok);
      expect(failed, `step ${r.step}: ${r.narration}\n${JSON.stringify(failed, null, 1)}`).toEqual([]);
    }
  });
});

describe('lessons index', () => {
  test('the catalog (what the page loads first) is the lessons\' ids and titles, in order', () => {
    expect(LESSON_CATALOG).toEqual(LESSONS.map(({ id, title }) => ({ id, title: title.en })));
    expect(LESSON_TITLES_ZH).toEqual(Object.fromEntries(LESSONS.map(({ id, title }) => [id, title['zh-CN']])));
  });

  test('lesson ids are unique', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
  });

  test.each(INTERVIEW_INDEX.map((e) => [e.notes, e.lesson, e.step, e] as const))(
    'interview question %s points to an existing step (%s step %i)',
    (_n, _l, _s, entry) => {
      const lesson = LESSONS.find((l) => l.id === entry.lesson);
      expect(lesson, `no lesson ${entry.lesson}`).toBeDefined();
      expect(Number.isInteger(entry.step) && entry.step >= 1 && entry.step <= lesson!.steps.length).toBe(true);
      for (const s of texts(entry.question)) expect(s.trim().length).toBeGreaterThan(0);
    },
  );

  test('lessons/README.md lists every entry of the index', () => {
    const readme = readFileSync(join(import.meta.dirname, 'README.md'), 'utf8').split('\n');
    for (const e of INTERVIEW_INDEX) {
      const row = readme.find((l) => l.startsWith(`| ${e.notes} |`) && l.endsWith(`| \`${e.lesson}\` · ${e.step} |`));
      expect(row, `README row for ${e.notes} → ${e.lesson} · ${e.step}`).toBeDefined();
    }
    // Rows of notes 004 §11 (`| 11.2 |`) and of other sections (`| 003 §2.2.4 |`, `| 004 §3.5 |`, `| 001 §1 |`).
    const rows = readme.filter((l) => /^\| (?:11\.\d+|00\d §\d+(?:\.\d+)*) \|/.test(l));
    expect(rows).toHaveLength(INTERVIEW_INDEX.length);
  });

  test('the reconfiguration questions are answered: adding an observer, removing a voter, overlapping quorums, removing the leader', () => {
    const answered = (lesson: string, step: number) => INTERVIEW_INDEX.some((e) => e.notes === '004 §3.5' && e.lesson === lesson && e.step === step);
    for (const step of [2, 4, 5, 6]) expect(answered('reconfig', step), `reconfig · ${step}`).toBe(true);
  });

  test('every interview question of notes 004 §11 the issue names is answered', () => {
    for (const n of ['11.2', '11.7', '11.8', '11.10', '11.12']) expect(INTERVIEW_INDEX.some((e) => e.notes === n)).toBe(true);
  });

  test('the 2PC and 3PC questions of notes 003 §1 are answered: the two phases, blocking, 3PC\'s phases, the partition, a majority', () => {
    const answered = (lesson: string, step: number) => INTERVIEW_INDEX.some((e) => e.notes === '003 §1' && e.lesson === lesson && e.step === step);
    for (const [lesson, step] of [
      ['2pc-basics', 1], ['2pc-blocking', 1], ['3pc-crash', 3], ['3pc-partition', 2], ['commit-to-paxos', 1],
    ] as const) expect(answered(lesson, step), `${lesson} · ${step}`).toBe(true);
  });

  test('the Paxos questions of notes 003 are answered: one acceptor, a majority, numbered proposals, two chosen values, livelock, Chubby, ZAB vs Paxos', () => {
    const answered = (lesson: string, step: number) => INTERVIEW_INDEX.some((e) => e.notes.startsWith('003 §') && e.lesson === lesson && e.step === step);
    for (const [lesson, step] of [
      ['paxos-basics', 2], ['paxos-derivation', 1], ['paxos-derivation', 2], ['paxos-derivation', 3],
      ['paxos-livelock', 2], ['chubby', 1], ['zab-vs-multipaxos', 4],
    ] as const) expect(answered(lesson, step), `${lesson} · ${step}`).toBe(true);
  });
});
