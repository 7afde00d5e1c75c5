/** The page's lesson checks read what the consoles printed, never the echoed commands (as the headless runner). */
import { afterEach, expect, test } from 'vitest';
import { parseLabConfig } from '../../protocol/config.ts';
import { runConsoleLine } from '../../store/actions.ts';
import { disposeLab, initLab } from '../../store/session.ts';
import { InProcessHost } from '../../worker/inProcessHost.ts';
import { LabRuntime } from '../../worker/runtime.ts';
import { outputSince } from './LessonPanel.tsx';

let runtime: LabRuntime | null = null;
afterEach(() => {
  disposeLab();
  runtime?.dispose();
});

test('an output check cannot be satisfied by the command the learner typed', async () => {
  runtime = new LabRuntime(parseLabConfig(new URLSearchParams('voters=3')).config, () => new InProcessHost());
  initLab(runtime, { paused: true });
  await runConsoleLine('lab run 5s');
  await runConsoleLine('create /typed-only value-in-the-command');
  const out = outputSince(0);
  expect(out).toContain('Created /typed-only');
  expect(out.some((l) => l.includes('value-in-the-command'))).toBe(false);
  expect(out.some((l) => l.includes('lab run 5s'))).toBe(false);
});
