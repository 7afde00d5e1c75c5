/**
 * The page plays a lesson's console lines exactly as the headless runner does (docs/architecture.md:
 * a run is a pure function of config, seed and actions): a console a lesson opens with `@N connect`
 * first gets its session on zk1, and `connect` closes it (ZooKeeperMain.connectToZK), leaving no
 * stray session to expire later and shift every zxid after it.
 */
import { afterEach, expect, test } from 'vitest';
import type { Lesson } from '../../../lessons/types.ts';
import { parseLabConfig } from '../../protocol/config.ts';
import { disposeLab, initLab } from '../../store/session.ts';
import { InProcessHost } from '../../worker/inProcessHost.ts';
import { runLesson } from '../../worker/lessonRunner.ts';
import { LabRuntime } from '../../worker/runtime.ts';
import { lessonLineRunner, outputSince } from './LessonPanel.tsx';

let runtime: LabRuntime | null = null;
afterEach(() => {
  disposeLab();
  runtime?.dispose();
});

const ENSEMBLE = 'voters=3&seed=7';
const LINES = ['lab run 3s', 'create /a v1', '@2 connect zk2:2181', '@2 create /b v2', 'lab run 45s', 'stat /b', 'create /c v3', 'stat /c'];
const zxids = (out: string[]) => out.filter((l) => /^(cZxid|mZxid) = /.test(l));

test('a console opened with `@2 connect zk2:2181` gets the same zxids in the page as headless', async () => {
  const text = { en: 'x', 'zh-CN': '读' };
  const lesson: Lesson = { id: 'stray', title: text, challenge: text, ensemble: ENSEMBLE, steps: [{ narration: text, actions: LINES, checks: [] }] };
  const [headless] = await runLesson(lesson, 'en');
  const expected = zxids(headless!.output);
  expect(expected).toContain('cZxid = 0x100000006'); // console 1's session, /a, console 2's first session and its close, its new session, /b

  runtime = new LabRuntime(parseLabConfig(new URLSearchParams(ENSEMBLE)).config, () => new InProcessHost());
  initLab(runtime, { paused: true });
  const run = lessonLineRunner();
  for (const line of LINES) await run(line);
  expect(zxids(outputSince(0))).toEqual(expected);
});
