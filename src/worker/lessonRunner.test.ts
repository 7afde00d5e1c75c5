/** The headless lesson runner: console sessions (`@N …`) and watch events between them. */
import { describe, expect, test } from 'vitest';
import type { Lesson } from '../../lessons/types.ts';
import { consoleOf, runLesson } from './lessonRunner.ts';

const t = { en: 'x', 'zh-CN': '测' };

describe('consoleOf', () => {
  test('routes `@N` lines to console N and the rest to console 1', () => {
    expect(consoleOf('@2 set /a 1')).toEqual({ n: 2, command: 'set /a 1' });
    expect(consoleOf('get /a')).toEqual({ n: 1, command: 'get /a' });
    expect(consoleOf('create /a @2')).toEqual({ n: 1, command: 'create /a @2' });
  });
});

describe('runLesson with two consoles', () => {
  test("console 2's write fires console 1's watch; wrong expectations fail, `absent` inverts", async () => {
    const lesson: Lesson = {
      id: 'two-consoles',
      title: t,
      challenge: t,
      ensemble: 'voters=3&seed=8',
      steps: [
        {
          narration: t,
          actions: ['lab run 3s', 'create /cfg v1', 'get -w /cfg', '@2 set /cfg v2', 'lab run 100ms'],
          checks: [
            { kind: 'output', contains: 'type:NodeDataChanged path:/cfg' },
            { kind: 'output', contains: 'type:NodeDeleted path:/cfg' },
            { kind: 'output', contains: 'type:NodeDeleted path:/cfg', absent: true },
            { kind: 'packet', type: 'COMMIT', absent: true },
            { kind: 'packet', type: 'PROPOSAL', to: 1 },
          ],
        },
      ],
    };
    const [r] = await runLesson(lesson, 'en');
    expect(r!.checks.map((c) => c.ok)).toEqual([true, false, true, false, true]);
    // Two sessions: the second console printed its own welcome.
    expect(r!.output.filter((l) => l === 'Welcome to ZooKeeper!')).toHaveLength(2);
  });
});
